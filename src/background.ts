import type { Deps } from "./deps";
import type { Infrastructure } from "./infrastructure";
import { startAccountDeletions } from "./jobs/account-deletion";
import { startAnalyticsRollup } from "./jobs/analytics-rollup";
import { enqueueStaleEmbeddings } from "./jobs/embed-clip";
import { startOutboxRelay } from "./jobs/outbox-relay";
import { startRetention } from "./jobs/retention";
import { startSearchWords } from "./jobs/search-words";
import { refreshTrendingScores } from "./modules/clips/trending-refresh";
import { clipVectorModel } from "./platform/embeddings/clip-vectors";
import { ensureIndices } from "./platform/search/opensearch-indices";

const VIEW_FLUSH_MS = 2_000;
const TRENDING_REFRESH_MS = 5 * 60_000;

/** The API passes its whole wiring; the worker only the shared infrastructure. */
export type BackgroundOwner = { role: "api"; deps: Deps } | { role: "worker"; deps: Infrastructure };

export interface Background {
  /** What was started, in order (logged at start-up). */
  readonly tasks: readonly string[];
  /** Writes the buffered view counts and search log entries now, as each interval and `stop` do. */
  flush(): Promise<void>;
  /** Stops each task in start order, awaiting its current run; buffers are written. A second call awaits the first. */
  stop(): Promise<void>;
}

interface Task {
  name: string;
  stop(): Promise<void>;
}

/** Runs `run` every `intervalMs`; the stop awaits a run in progress. `run` must not reject. */
function every(intervalMs: number, run: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = run();
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

function apiTasks(deps: Deps): Task[] {
  const { db, logger, views, searchLog } = deps;
  const refresh = () => refreshTrendingScores(db).catch((err) => logger.warn({ err }, "trending refresh failed"));
  const stopViews = every(VIEW_FLUSH_MS, views.flush);
  return [
    { name: "view-counter", stop: () => stopViews().then(views.flush) },
    { name: "trending-refresh", stop: every(TRENDING_REFRESH_MS, refresh) },
    // Its batches are timed per entry (query-log.ts); only what is queued at shutdown is left to write.
    { name: "search-log", stop: searchLog.flush },
  ];
}

/** The work that belongs to whoever consumes the jobs: the worker, or the API itself on the embedded default. */
async function jobTasks({ config, db, jobs, logger, opensearch }: Infrastructure): Promise<Task[]> {
  const tasks: Task[] = [];
  if (opensearch) {
    // Jobs retry until the node is back, so an unreachable OpenSearch must not stop the process.
    const outdated = await ensureIndices(opensearch.client).catch((err) => {
      logger.warn({ err }, "opensearch indices not ready");
      return [];
    });
    if (outdated.length) logger.warn({ outdated }, "opensearch mapping is older than the code: run search-reindex");
    tasks.push({ name: "index-setup", stop: async () => {} });
  }
  if (config.outbox.pollIntervalMs > 0) {
    const relay = startOutboxRelay({ db, jobs, logger, ...config.outbox });
    tasks.push({ name: "outbox-relay", stop: () => relay.stop() });
  }
  // The scheduled jobs (src/jobs/): each runs every interval of its own setting, none when that is 0.
  const scheduled = {
    retention: startRetention({ db, logger, ...config.retention }),
    "account-deletion": startAccountDeletions({ db, logger, intervalMs: config.accountDeletion.intervalMs }),
    "analytics-rollup": startAnalyticsRollup({ db, logger, intervalMs: config.analytics.intervalMs }),
    "search-words": startSearchWords({ db, logger, intervalMs: config.searchWords.intervalMs }),
  };
  for (const [name, job] of Object.entries(scheduled)) tasks.push({ name, stop: () => job.stop() });
  return tasks;
}

/** Warms the embedding model and re-queues clips embedded by another model (or not at all), off the start-up path. */
function queueStaleEmbeddings(deps: Infrastructure): Task {
  void enqueueStaleEmbeddings(deps).then(
    (queued) => deps.logger.info({ queued, model: clipVectorModel(deps.embeddings) }, "stale embeddings queued"),
    (err) => deps.logger.error({ err }, "stale embedding check failed"),
  );
  return { name: "stale-embeddings", stop: async () => {} };
}

/**
 * Starts every timer and poller of a process (src/server.ts, workers/main.ts); createApp and the route factories
 * start none. Who runs what: the API counts views, refreshes trending scores and batches the search log; the job
 * side (index setup, outbox relay, the scheduled jobs) runs in the worker, or in the API when jobs run in-process
 * (the embedded default).
 */
export async function startBackground(owner: BackgroundOwner): Promise<Background> {
  const tasks: Task[] = [];
  if (owner.role === "api") tasks.push(...apiTasks(owner.deps));
  if (owner.role === "worker" || owner.deps.jobs.kind === "in-process") tasks.push(...(await jobTasks(owner.deps)));
  if (owner.role === "worker") tasks.push(queueStaleEmbeddings(owner.deps));
  let stopping: Promise<void> | undefined;
  return {
    tasks: tasks.map((t) => t.name),
    flush: async () => {
      if (owner.role === "api") await Promise.all([owner.deps.views.flush(), owner.deps.searchLog.flush()]);
    },
    stop: () => {
      stopping ??= (async () => {
        for (const task of tasks) {
          await task.stop().catch((err) => owner.deps.logger.error({ err, task: task.name }, "background stop failed"));
        }
      })();
      return stopping;
    },
  };
}
