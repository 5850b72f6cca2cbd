import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { uuidField } from "../../http/ids";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { validate } from "../../http/validate";
import { enrichClips } from "../clips/enrich";
import { requireVisibleClip } from "../clips/visibility";
import { clearHistory, findProgress, HISTORY_FILTERS, isCompleted, listHistory, recordProgress } from "./history-repo";
import { toWireHistoryEntry } from "./wire";

const DAY_SECONDS = 86_400;
const RecordProgress = z.object({
  clip_id: uuidField("clip_id must be a UUID"),
  progress_seconds: z.number().int().min(0).max(DAY_SECONDS),
  duration_seconds: z.number().int().min(1).max(DAY_SECONDS),
  session_id: z.string().max(100).optional(),
});
const HistoryQuery = z.object({
  filter: z.enum(HISTORY_FILTERS).default("all"),
  limit: clampedInt(1, 100, 50),
});
const ClipParam = z.object({ id: uuidField("Invalid clip ID") });

/** Watch history and resume positions (frontend/src/hooks/useWatchHistory.ts, the history page). */
export function createWatchHistoryRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  return new Hono<AppEnv>()
    .get("/watch-history", auth, validate("query", HistoryQuery), async (c) => {
      const viewer = principalOf(c);
      const { rows, total } = await listHistory(deps.db, { viewer, ...c.req.valid("query") });
      const wireClips = await enrichClips(
        deps.db,
        rows.map((r) => r.clip),
        viewer.userId,
      );
      return c.json({ history: rows.map((r, i) => toWireHistoryEntry(r.entry, wireClips[i])), total });
    })
    .post(
      "/watch-history",
      auth,
      rateLimit(deps, "POST /watch-history"),
      responds(404),
      validate("json", RecordProgress),
      async (c) => {
        const viewer = principalOf(c);
        const body = c.req.valid("json");
        await requireVisibleClip(deps.db, body.clip_id, viewer);
        const progressSeconds = Math.min(body.progress_seconds, body.duration_seconds);
        await recordProgress(deps.db, {
          userId: viewer.userId,
          clipId: body.clip_id,
          progressSeconds,
          durationSeconds: body.duration_seconds,
          sessionId: body.session_id ?? null,
        });
        return c.json({
          status: "recorded",
          completed: isCompleted(progressSeconds, body.duration_seconds),
          progress_percent: Math.round((progressSeconds / body.duration_seconds) * 1000) / 10,
        });
      },
    )
    .delete("/watch-history", auth, rateLimit(deps, "DELETE /watch-history"), async (c) => {
      const deleted = await clearHistory(deps.db, principalOf(c).userId);
      return c.json({ status: "cleared", deleted });
    })
    .get("/clips/:id/progress", optionalAuth(deps), validate("param", ClipParam), async (c) => {
      const viewer = c.get("principal");
      const row = viewer ? await findProgress(deps.db, viewer.userId, c.req.valid("param").id) : undefined;
      return c.json({
        has_progress: (row?.progressSeconds ?? 0) > 0,
        progress_seconds: row?.progressSeconds ?? 0,
        completed: row ? isCompleted(row.progressSeconds, row.durationSeconds) : false,
      });
    });
}
