/** What one load run measured, whichever client ran it (wrk for throughput, k6 for the mixed scenario and soak). */
export interface LoadSummary {
  reqs: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Failed requests (transport errors and non-2xx/3xx answers) over all requests. */
  errorRate: number;
  checksFailed: number;
  /** The scenario's own thresholds (k6); wrk runs have none and pass. */
  thresholdsOk: boolean;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each figure's median over the repetitions; errors and failed checks are summed, since any one counts. */
export function medianSummary(runs: LoadSummary[]): LoadSummary {
  const reqs = runs.reduce((n, r) => n + r.reqs, 0);
  const failed = runs.reduce((n, r) => n + r.errorRate * r.reqs, 0);
  return {
    reqs,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    errorRate: reqs ? failed / reqs : 0,
    checksFailed: runs.reduce((n, r) => n + r.checksFailed, 0),
    thresholdsOk: runs.every((r) => r.thresholdsOk),
  };
}

/** Max − min over the median, in percent: how far apart the repetitions were. */
export function spreadPct(values: number[]): number {
  const mid = median(values);
  return mid ? ((Math.max(...values) - Math.min(...values)) / mid) * 100 : 0;
}
