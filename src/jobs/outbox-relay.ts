import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client";
import type { JobQueue, QueueName } from "../platform/jobs/jobs";
import type { Logger } from "../platform/logger";

interface OutboxRow {
  id: number;
  topic: string;
  aggregate_type: string;
  aggregate_id: string;
}

interface JobSpec {
  queue: QueueName;
  name: string;
  payload: unknown;
  jobId: string;
}

const SEARCH_JOBS: Record<string, string> = {
  clip: "index-clip",
  user: "index-user",
  tag: "index-tag",
  game: "index-game",
};

/**
 * The job for an outbox row, or undefined for a combination nothing consumes. The outbox id is part of the job id:
 * BullMQ ignores an add whose id it still remembers (completed jobs are kept for an hour), so an id per aggregate
 * alone would swallow the next change.
 */
export function jobFor(row: OutboxRow): JobSpec | undefined {
  if (row.topic === "embed" && row.aggregate_type === "clip") {
    const payload = { clipId: row.aggregate_id };
    return { queue: "embed", name: "embed-clip", payload, jobId: `embed-${row.aggregate_id}-${row.id}` };
  }
  const name = row.topic === "search-index" ? SEARCH_JOBS[row.aggregate_type] : undefined;
  if (!name) return undefined;
  return {
    queue: "search-index",
    name,
    payload: { id: row.aggregate_id },
    jobId: `${name}-${row.aggregate_id}-${row.id}`,
  };
}

/** One job per aggregate and topic in a batch: the processors re-read the row, so the latest event covers the rest. */
function latestPerAggregate(rows: OutboxRow[]): OutboxRow[] {
  const latest = new Map<string, OutboxRow>();
  for (const row of rows) latest.set(`${row.topic}/${row.aggregate_type}/${row.aggregate_id}`, row);
  return [...latest.values()];
}

/**
 * Moves one batch of unprocessed outbox rows onto the queues and marks them processed, in one transaction.
 * `SKIP LOCKED` lets several relays run side by side without taking the same rows; if enqueueing fails the
 * transaction rolls back and the rows are picked up again. Returns how many rows were consumed.
 */
export async function relayOutboxBatch(db: Db, jobs: JobQueue, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<OutboxRow>(
      tx,
      sql`select id, topic, aggregate_type, aggregate_id from outbox where processed_at is null
        order by id limit ${batchSize} for update skip locked`,
    );
    if (rows.length === 0) return 0;
    const specs = latestPerAggregate(rows).flatMap((row) => jobFor({ ...row, id: Number(row.id) }) ?? []);
    await Promise.all(specs.map((s) => jobs.enqueue(s.queue, s.name, s.payload, { jobId: s.jobId })));
    const ids = sql.join(
      rows.map((r) => sql`${r.id}`),
      sql`, `,
    );
    await tx.execute(sql`update outbox set processed_at = now(), attempts = attempts + 1 where id in (${ids})`);
    return rows.length;
  });
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
