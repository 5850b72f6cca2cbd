import type { Db } from "../../db/client";
import { type OutboxTopic, outbox } from "../../db/schema";

export interface OutboxEvent {
  aggregateType: "clip" | "user" | "tag" | "game";
  aggregateId: string;
  operation: "upsert" | "delete";
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
      operation: event.operation,
    })),
  );
}
