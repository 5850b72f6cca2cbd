import type { Principal } from "../../core/principal";
import { mutate, type Writer } from "../../db/mutation";
import { insertQueueItem, moveQueueItem, type QueueItemRow } from "./queue-repo";

// A viewer's queue is read uncached, so its writes invalidate no scope.

export function addToQueue(
  deps: Writer,
  p: { viewer: Principal; clipId: string; atEnd: boolean },
): Promise<QueueItemRow> {
  return mutate(deps, async (tx) => ({ result: await insertQueueItem(tx, p), invalidates: [] }));
}

export function reorderQueue(deps: Writer, userId: string, itemId: string, newPosition: number): Promise<boolean> {
  return mutate(deps, async (tx) => ({
    result: await moveQueueItem(tx, userId, itemId, newPosition),
    invalidates: [],
  }));
}
