import type { watchHistory, watchQueue } from "../../db/schema";
import type { Clip } from "../clips/wire";
import { isCompleted, progressPercent } from "./history-repo";
import type { HistoryEntry, QueueItem } from "./schemas";

type Iso = (d: Date) => string;
const iso: Iso = (d) => d.toISOString();

/** frontend/src/types/watchHistory.ts: WatchHistoryEntry. */
export function toWireHistoryEntry(e: typeof watchHistory.$inferSelect, clip: Clip): HistoryEntry {
  return {
    id: e.id,
    user_id: e.userId,
    clip_id: e.clipId,
    clip,
    progress_seconds: e.progressSeconds,
    duration_seconds: e.durationSeconds,
    progress_percent: progressPercent(e.progressSeconds, e.durationSeconds),
    completed: isCompleted(e.progressSeconds, e.durationSeconds),
    session_id: e.sessionId ?? "",
    watched_at: iso(e.watchedAt),
    created_at: iso(e.createdAt),
    updated_at: iso(e.updatedAt),
  };
}

/** frontend/src/types/queue.ts: QueueItemWithClip. */
export function toWireQueueItem(item: typeof watchQueue.$inferSelect, clip?: Clip): QueueItem {
  return {
    id: item.id,
    user_id: item.userId,
    clip_id: item.clipId,
    position: item.position,
    added_at: iso(item.addedAt),
    played_at: item.playedAt ? iso(item.playedAt) : undefined,
    created_at: iso(item.createdAt),
    updated_at: iso(item.updatedAt),
    clip,
  };
}
