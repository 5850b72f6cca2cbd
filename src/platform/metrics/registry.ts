import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { cacheStats } from "../cache/stats";
import type { JobQueue } from "../jobs/jobs";

/**
 * One registry per process, like the process itself: the request middleware, the database timer and the search
 * and embedding call sites record into it without being handed a dependency.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export const httpRequests = new Counter({
  name: "http_requests_total",
  help: "HTTP requests by method, route template and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request duration by method and route template",
  labelNames: ["method", "route"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const httpErrors = new Counter({
  name: "http_request_errors_total",
  help: "HTTP responses with a 5xx status, by method, route template and status",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

export const dbQueryDuration = new Histogram({
  name: "db_query_duration_seconds",
  help: "Database query duration by statement kind (select, insert, update, delete, other)",
  labelNames: ["operation"] as const,
  buckets: QUERY_BUCKETS,
  registers: [registry],
});

const searchDuration = new Histogram({
  name: "search_request_duration_seconds",
  help: "Search engine request latency by engine (opensearch, postgres)",
  labelNames: ["engine"] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

const embeddingDuration = new Histogram({
  name: "embedding_duration_seconds",
  help: "Time to compute one embedding request",
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

const jobDuration = new Histogram({
  name: "job_duration_seconds",
  help: "Time a job's processor ran, by queue, job name and outcome (completed, failed)",
  labelNames: ["queue", "job", "outcome"] as const,
  buckets: JOB_BUCKETS,
  registers: [registry],
});

const jobsCompleted = new Counter({
  name: "jobs_completed_total",
  help: "Job runs that completed, by queue and job name",
  labelNames: ["queue", "job"] as const,
  registers: [registry],
});

const jobsFailed = new Counter({
  name: "jobs_failed_total",
  help: "Job runs that threw (each attempt; a retried job counts once per failed attempt), by queue and job name",
  labelNames: ["queue", "job"] as const,
  registers: [registry],
});

export function observeJobRun(queue: string, job: string, outcome: "completed" | "failed", seconds: number): void {
  jobDuration.observe({ queue, job, outcome }, seconds);
  (outcome === "completed" ? jobsCompleted : jobsFailed).inc({ queue, job });
}

export function observeSearchLatency(engine: string, seconds: number): void {
  searchDuration.observe({ engine }, seconds);
}

export function observeEmbeddingLatency(seconds: number): void {
  embeddingDuration.observe(seconds);
}

/** What the scrape-time queue collector reads; bound by the process that owns the queue (API or worker). */
interface Sources {
  jobs?: Pick<JobQueue, "counts">;
}
let sources: Sources = {};

/** Points the queue collector at this process's queue; returns the unbind for shutdown. */
export function bindMetricSources(next: Sources): () => void {
  sources = next;
  return () => {
    if (sources === next) sources = {};
  };
}

new Gauge({
  name: "job_queue_jobs",
  help: "Jobs per queue and state (waiting includes delayed)",
  labelNames: ["queue", "state"] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const counts = await sources.jobs?.counts().catch(() => undefined);
    for (const [queue, states] of Object.entries(counts ?? {})) {
      for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value);
    }
  },
});

// Counters fed at scrape time from the cache-aside's own process-wide running totals, by namespace.
for (const [name, outcome] of [
  ["cache_hits_total", "hits"],
  ["cache_misses_total", "misses"],
  ["cache_errors_total", "errors"],
] as const) {
  new Counter({
    name,
    help: `Cache-aside ${outcome} since the process started, by namespace`,
    labelNames: ["namespace"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [namespace, stats] of Object.entries(cacheStats())) this.inc({ namespace }, stats[outcome]);
    },
  });
}
