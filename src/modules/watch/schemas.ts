import { z } from "zod";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { clampedInt } from "../../http/query-params";
import { count, MessageBody, successData, wireId, wireTime } from "../../http/wire-fields";
import { Clip } from "../clips/wire";
import { HISTORY_FILTERS } from "./history-repo";
import { MAX_QUEUE_ITEMS } from "./queue-repo";

const DAY_SECONDS = 86_400;
export const RecordProgress = z.object({
  clip_id: uuidField("clip_id must be a UUID"),
  progress_seconds: z.number().int().min(0).max(DAY_SECONDS),
  duration_seconds: z.number().int().min(1).max(DAY_SECONDS),
  session_id: z.string().max(100).optional(),
});
export const HistoryQuery = z.object({
  filter: z.enum(HISTORY_FILTERS).default("all"),
  limit: clampedInt(1, 100, 50),
});
export const ClipParam = z.object({ id: uuidField("Invalid clip ID") });

export const QueueQuery = z.object({ limit: clampedInt(1, MAX_QUEUE_ITEMS, 100) });
export const AddBody = z.object({ clip_id: uuidField("clip_id must be a UUID"), at_end: z.boolean().default(true) });
export const ReorderBody = z.object({
  item_id: uuidField("item_id must be a UUID"),
  new_position: z.number().int().min(0).max(MAX_QUEUE_ITEMS),
});
export const ItemParam = z.object({ id: uuidField("Invalid item ID") });

const seconds = count.meta({ examples: [18] });
const percent = z
  .number()
  .min(0)
  .max(100)
  .meta({ examples: [62.5] });

/** frontend/src/types/watchHistory.ts: WatchHistoryEntry. */
export const HistoryEntry = wireSchema(
  "WatchHistoryEntry",
  z.strictObject({
    id: wireId,
    user_id: wireId,
    clip_id: wireId,
    clip: Clip,
    progress_seconds: seconds,
    duration_seconds: seconds,
    progress_percent: percent,
    completed: z.boolean().meta({ description: "Watched 90 % or more." }),
    session_id: z.string(),
    watched_at: wireTime,
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const WatchHistory = wireSchema(
  "WatchHistory",
  z.strictObject({ history: z.array(HistoryEntry), total: count }),
);
export type WatchHistory = z.infer<typeof WatchHistory>;

export const ProgressRecorded = wireSchema(
  "ProgressRecorded",
  z.strictObject({ status: z.literal("recorded"), completed: z.boolean(), progress_percent: percent }),
);
export type ProgressRecorded = z.infer<typeof ProgressRecorded>;

export const HistoryCleared = wireSchema(
  "HistoryCleared",
  z.strictObject({ status: z.literal("cleared"), deleted: count }),
);
export type HistoryCleared = z.infer<typeof HistoryCleared>;

export const ClipProgress = wireSchema(
  "ClipProgress",
  z.strictObject({
    has_progress: z.boolean(),
    progress_seconds: seconds,
    completed: z.boolean().meta({ description: "Always false when signed out." }),
  }),
);
export type ClipProgress = z.infer<typeof ClipProgress>;

/** frontend/src/types/queue.ts: QueueItemWithClip; `clip` is left out of the item a POST creates. */
export const QueueItem = wireSchema(
  "QueueItem",
  z.strictObject({
    id: wireId,
    user_id: wireId,
    clip_id: wireId,
    position: z.number().int(),
    added_at: wireTime,
    played_at: wireTime.optional(),
    created_at: wireTime,
    updated_at: wireTime,
    clip: Clip.optional(),
  }),
);
export type QueueItem = z.infer<typeof QueueItem>;

export const QueuePage = successData(
  "QueuePage",
  z.strictObject({
    items: z.array(QueueItem),
    total: count,
    next_clip: Clip.optional().meta({ description: "The first item not yet played; absent when none." }),
  }),
);
export type QueuePage = z.infer<typeof QueuePage>;

export const QueueCount = successData("QueueCount", z.strictObject({ count }));
export type QueueCount = z.infer<typeof QueueCount>;
export const QueueItemCreated = successData("QueueItemCreated", QueueItem);
export type QueueItemCreated = z.infer<typeof QueueItemCreated>;
export const QueueMessage = successData("QueueMessage", MessageBody);
export type QueueMessage = z.infer<typeof QueueMessage>;
export const QueueCleared = successData(
  "QueueCleared",
  z.strictObject({ message: z.string().meta({ examples: ["Queue cleared successfully"] }), removed: count }),
);
export type QueueCleared = z.infer<typeof QueueCleared>;
