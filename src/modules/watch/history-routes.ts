import { Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { optionalAuth, principalOf, requireAuth } from "../../http/middleware/auth";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { enrichClips } from "../clips/enrich";
import { requireVisibleClip } from "../clips/visibility";
import { clearHistory, findProgress, isCompleted, listHistory, progressPercent, recordProgress } from "./history-repo";
import {
  ClipParam,
  ClipProgress,
  HistoryCleared,
  HistoryQuery,
  ProgressRecorded,
  RecordProgress,
  WatchHistory,
} from "./schemas";
import { toWireHistoryEntry } from "./wire";

/** Watch history and resume positions (frontend/src/hooks/useWatchHistory.ts, the history page). */
export function createWatchHistoryRoutes(deps: Deps) {
  const auth = requireAuth(deps);
  return new Hono<AppEnv>()
    .get("/watch-history", auth, validate("query", HistoryQuery), returns(WatchHistory), async (c) => {
      const viewer = principalOf(c);
      const { rows, total } = await listHistory(deps.db, { viewer, ...c.req.valid("query") });
      const wireClips = await enrichClips(
        deps.db,
        rows.map((r) => r.clip),
        viewer.userId,
      );
      return c.json({
        history: rows.map((r, i) => toWireHistoryEntry(r.entry, wireClips[i]!)),
        total,
      } satisfies WatchHistory);
    })
    .post(
      "/watch-history",
      auth,
      rateLimit(deps, "POST /watch-history"),
      responds(404),
      validate("json", RecordProgress),
      returns(ProgressRecorded),
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
          progress_percent: progressPercent(progressSeconds, body.duration_seconds),
        } satisfies ProgressRecorded);
      },
    )
    .delete("/watch-history", auth, rateLimit(deps, "DELETE /watch-history"), returns(HistoryCleared), async (c) => {
      const deleted = await clearHistory(deps.db, principalOf(c).userId);
      return c.json({ status: "cleared", deleted } satisfies HistoryCleared);
    })
    .get("/clips/:id/progress", optionalAuth(deps), validate("param", ClipParam), returns(ClipProgress), async (c) => {
      const viewer = c.get("principal");
      const row = viewer ? await findProgress(deps.db, viewer.userId, c.req.valid("param").id) : undefined;
      return c.json({
        has_progress: (row?.progressSeconds ?? 0) > 0,
        progress_seconds: row?.progressSeconds ?? 0,
        completed: row ? isCompleted(row.progressSeconds, row.durationSeconds) : false,
      } satisfies ClipProgress);
    });
}
