import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { uuidField } from "../../http/ids";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { validate } from "../../http/validate";
import { enrichClips } from "../clips/enrich";
import {
  addToQueue,
  clearQueue,
  countQueue,
  listQueue,
  MAX_QUEUE_ITEMS,
  markPlayed,
  removeFromQueue,
  reorderQueue,
} from "./queue-repo";
import { toWireQueueItem } from "./wire";

const QueueQuery = z.object({ limit: clampedInt(1, MAX_QUEUE_ITEMS, 100) });
const AddBody = z.object({ clip_id: uuidField("clip_id must be a UUID"), at_end: z.boolean().default(true) });
const ReorderBody = z.object({
  item_id: uuidField("item_id must be a UUID"),
  new_position: z.number().int().min(0).max(MAX_QUEUE_ITEMS),
});
const ItemParam = z.object({ id: uuidField("Invalid item ID") });
const familyA = errorEnvelope("standard");
const notFound = () => new AppError("NOT_FOUND", "Queue item not found");

/** The watch queue (frontend/src/hooks/useQueue.ts: QueueWidget and QueuePage), family A throughout. */
export function createQueueRoutes(deps: Deps) {
  const auth = [familyA, requireAuth(deps)] as const;
  return new Hono<AppEnv>()
    .get("/queue", ...auth, validate("query", QueueQuery), async (c) => {
      const viewer = principalOf(c);
      const { rows, total } = await listQueue(deps.db, viewer, c.req.valid("query").limit);
      const wireClips = await enrichClips(
        deps.db,
        rows.map((r) => r.clip),
        viewer.userId,
      );
      const items = rows.map((r, i) => toWireQueueItem(r.item, wireClips[i]));
      const next = items.find((item) => !item.played_at)?.clip;
      return c.json({ success: true, data: { items, total, next_clip: next } });
    })
    .get("/queue/count", ...auth, async (c) =>
      c.json({ success: true, data: { count: await countQueue(deps.db, principalOf(c)) } }),
    )
    .post(
      "/queue",
      ...auth,
      rateLimit(deps, "POST /queue"),
      responds(404, 409),
      validate("json", AddBody),
      async (c) => {
        const { clip_id, at_end } = c.req.valid("json");
        const item = await addToQueue(deps.db, { viewer: principalOf(c), clipId: clip_id, atEnd: at_end });
        return c.json({ success: true, data: toWireQueueItem(item) }, 201);
      },
    )
    .patch(
      "/queue/reorder",
      ...auth,
      rateLimit(deps, "PATCH /queue/reorder"),
      responds(404),
      validate("json", ReorderBody),
      async (c) => {
        const { item_id, new_position } = c.req.valid("json");
        if (!(await reorderQueue(deps.db, principalOf(c).userId, item_id, new_position))) throw notFound();
        return c.json({ success: true, data: { message: "Queue reordered successfully" } });
      },
    )
    .post(
      "/queue/:id/played",
      ...auth,
      rateLimit(deps, "POST /queue/:id/played"),
      validate("param", ItemParam),
      async (c) => {
        if (!(await markPlayed(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ success: true, data: { message: "Item marked as played" } });
      },
    )
    .delete("/queue/:id", ...auth, rateLimit(deps, "DELETE /queue/:id"), validate("param", ItemParam), async (c) => {
      if (!(await removeFromQueue(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
      return c.json({ success: true, data: { message: "Item removed from queue" } });
    })
    .delete("/queue", ...auth, rateLimit(deps, "DELETE /queue"), async (c) => {
      const removed = await clearQueue(deps.db, principalOf(c).userId);
      return c.json({ success: true, data: { message: "Queue cleared successfully", removed } });
    });
}
