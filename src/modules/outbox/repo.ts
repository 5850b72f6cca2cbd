import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type OutboxTopic, outbox } from "../../db/schema";

export interface OutboxEvent {
  aggregateType: "clip" | "user" | "tag" | "game" | "comment" | "submission";
  aggregateId: string;
  topics?: OutboxTopic[];
}

/** Call inside the transaction that makes the change, so search never misses it. */
export async function writeOutbox(tx: Db, event: OutboxEvent): Promise<void> {
  const topics = event.topics ?? ["search-index"];
  await tx.insert(outbox).values(
    topics.map((topic) => ({
      topic,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
    })),
  );
}

/** Longer messages are cut: the column is for a person reading why a row is stuck, not for whole stacks. */
const MAX_ERROR_LENGTH = 1000;

/**
 * A relay batch that could not be enqueued (its transaction rolled back): its rows stay pending, and say how often
 * and why they failed, so `select id, attempts, last_error from outbox where processed_at is null` explains a backlog.
 */
export async function recordRelayFailure(db: Db, ids: number[], error: unknown): Promise<void> {
  if (ids.length === 0) return;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: message })
    .where(and(inArray(outbox.id, ids), isNull(outbox.processedAt)));
}
