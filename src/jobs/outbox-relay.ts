import { sql } from "drizzle-orm";
import { Counter } from "prom-client";
import { type Db, queryRows } from "../db/client";
import type { OutboxTopic } from "../db/schema";
import { type OutboxEvent, recordRelayFailure } from "../modules/outbox/repo";
import type { JobQueue } from "../platform/jobs/jobs";
import type { Logger } from "../platform/logger";
import { registry } from "../platform/metrics/registry";
import { buildJob, enqueueJob, type JobName, type JobRequest } from "./queues";

interface OutboxRow {
  id: number;
  topic: string;
  aggregate_type: string;
  aggregate_id: string;
}

/** What consumes each (topic, aggregate type) outbox row; other combinations are consumed by nothing. */
const JOB_OF_ROW: Record<OutboxTopic, Partial<Record<OutboxEvent["aggregateType"], JobName>>> = {
  "search-index": { clip: "index-clip", user: "index-user", tag: "index-tag", game: "index-game" },
  embed: { clip: "embed-clip" },
  notify: { clip: "notify-clip", comment: "notify-comment", submission: "notify-submission", user: "notify-user" },
};

/** The job for an outbox row, versioned by the row's id (see buildJob), or undefined when nothing consumes it. */
export function jobFor(row: OutboxRow): JobRequest | undefined {
  const name = (JOB_OF_ROW as Record<string, Record<string, JobName> | undefined>)[row.topic]?.[row.aggregate_type];
  if (name === "embed-clip") return buildJob(name, { clipId: row.aggregate_id }, row.id);
  return name ? buildJob(name, { id: row.aggregate_id }, row.id) : undefined;
}

/** One job per aggregate and topic in a batch: the processors re-read the row, so the latest event covers the rest. */
function latestPerAggregate(rows: OutboxRow[]): OutboxRow[] {
  const latest = new Map<string, OutboxRow>();
  for (const row of rows) latest.set(`${row.topic}/${row.aggregate_type}/${row.aggregate_id}`, row);
  return [...latest.values()];
}

const relayFailures = new Counter({
  name: "outbox_relay_failed_batches_total",
  help: "Outbox batches that could not be enqueued (their rows stay pending; outbox.last_error says why)",
  registers: [registry],
});

/**
 * Moves one batch of unprocessed outbox rows onto the queues and marks them processed, in one transaction.
 * `SKIP LOCKED` lets several relays run side by side without taking the same rows; if enqueueing fails the
 * transaction rolls back, the rows record the attempt and its error, and are picked up again. Returns how many rows
 * were consumed.
 */
export async function relayOutboxBatch(db: Db, jobs: JobQueue, batchSize: number): Promise<number> {
  let claimed: number[] = [];
  try {
    return await db.transaction(async (tx) => {
      const rows = await queryRows<OutboxRow>(
        tx,
        sql`select id, topic, aggregate_type, aggregate_id from outbox where processed_at is null
          order by id limit ${batchSize} for update skip locked`,
      );
      if (rows.length === 0) return 0;
      claimed = rows.map((r) => Number(r.id));
      const specs = latestPerAggregate(rows).flatMap((row) => jobFor({ ...row, id: Number(row.id) }) ?? []);
      await Promise.all(specs.map((job) => enqueueJob(jobs, job)));
      const ids = sql.join(
        rows.map((r) => sql`${r.id}`),
        sql`, `,
      );
      await tx.execute(sql`update outbox set processed_at = now(), attempts = attempts + 1 where id in (${ids})`);
      return rows.length;
    });
  } catch (err) {
    relayFailures.inc();
    // With the database itself down this fails too; the caller logs the batch's error either way.
    await recordRelayFailure(db, claimed, err).catch(() => {});
    throw err;
  }
}

export interface OutboxRelay {
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Db;
  jobs: JobQueue;
  logger: Logger;
  pollIntervalMs: number;
  batchSize: number;
}

/** Polls the outbox: full batches are drained back to back, then it sleeps `pollIntervalMs`; errors back off the same. */
export function startOutboxRelay(o: OutboxRelayOptions): OutboxRelay {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      while (!stopped && (await relayOutboxBatch(o.db, o.jobs, o.batchSize)) === o.batchSize) {}
    } catch (err) {
      if (!stopped) o.logger.warn({ err }, "outbox relay batch failed");
    }
    if (!stopped) timer = setTimeout(schedule, o.pollIntervalMs);
  };
  const schedule = () => {
    running = tick();
  };
  schedule();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
