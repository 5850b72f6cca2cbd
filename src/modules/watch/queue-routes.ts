import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { principalOf, requireAuth } from "../../http/middleware/auth";
import { errorEnvelope } from "../../http/middleware/envelope";
import { rateLimit } from "../../http/middleware/rate-limit";
import { responds, returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { enrichClips } from "../clips/enrich";
import { clearQueue, countQueue, listQueue, markPlayed, removeFromQueue } from "./queue-repo";
import { addToQueue, reorderQueue } from "./queue-service";
import {
  AddBody,
  ItemParam,
  QueueCleared,
  QueueCount,
  QueueItemCreated,
  QueueMessage,
  QueuePage,
  QueueQuery,
  ReorderBody,
} from "./schemas";
import { toWireQueueItem } from "./wire";

const familyA = errorEnvelope("standard");
const notFound = () => new AppError("NOT_FOUND", "Queue item not found");

/** The watch queue (frontend/src/hooks/useQueue.ts: QueueWidget and QueuePage), family A throughout. */
export function createQueueRoutes(deps: Deps) {
  const auth = [familyA, requireAuth(deps)] as const;
  return new Hono<AppEnv>()
    .get("/queue", ...auth, validate("query", QueueQuery), returns(QueuePage), async (c) => {
      const viewer = principalOf(c);
      const { rows, total } = await listQueue(deps.db, viewer, c.req.valid("query").limit);
      const wireClips = await enrichClips(
        deps.db,
        rows.map((r) => r.clip),
        viewer.userId,
      );
      const items = rows.map((r, i) => toWireQueueItem(r.item, wireClips[i]!));
      const next = items.find((item) => !item.played_at)?.clip;
      return c.json({ success: true, data: { items, total, next_clip: next } } satisfies QueuePage);
    })
    .get("/queue/count", ...auth, returns(QueueCount), async (c) =>
      c.json({ success: true, data: { count: await countQueue(deps.db, principalOf(c)) } } satisfies QueueCount),
    )
    .post(
      "/queue",
      ...auth,
      rateLimit(deps, "POST /queue"),
      responds(404, 409),
      validate("json", AddBody),
      returns(QueueItemCreated, 201),
      async (c) => {
        const { clip_id, at_end } = c.req.valid("json");
        const item = await addToQueue(deps, { viewer: principalOf(c), clipId: clip_id, atEnd: at_end });
        return c.json({ success: true, data: toWireQueueItem(item) } satisfies QueueItemCreated, 201);
      },
    )
    .patch(
      "/queue/reorder",
      ...auth,
      rateLimit(deps, "PATCH /queue/reorder"),
      responds(404),
      validate("json", ReorderBody),
      returns(QueueMessage),
      async (c) => {
        const { item_id, new_position } = c.req.valid("json");
        if (!(await reorderQueue(deps, principalOf(c).userId, item_id, new_position))) throw notFound();
        return c.json({ success: true, data: { message: "Queue reordered successfully" } } satisfies QueueMessage);
      },
    )
    .post(
      "/queue/:id/played",
      ...auth,
      rateLimit(deps, "POST /queue/:id/played"),
      validate("param", ItemParam),
      returns(QueueMessage),
      async (c) => {
        if (!(await markPlayed(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ success: true, data: { message: "Item marked as played" } } satisfies QueueMessage);
      },
    )
    .delete(
      "/queue/:id",
      ...auth,
      rateLimit(deps, "DELETE /queue/:id"),
      validate("param", ItemParam),
      returns(QueueMessage),
      async (c) => {
        if (!(await removeFromQueue(deps.db, principalOf(c).userId, c.req.valid("param").id))) throw notFound();
        return c.json({ success: true, data: { message: "Item removed from queue" } } satisfies QueueMessage);
      },
    )
    .delete("/queue", ...auth, rateLimit(deps, "DELETE /queue"), returns(QueueCleared), async (c) => {
      const removed = await clearQueue(deps.db, principalOf(c).userId);
      return c.json({ success: true, data: { message: "Queue cleared successfully", removed } } satisfies QueueCleared);
    });
}
