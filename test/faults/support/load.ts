/**
 * A steady, bounded request load against a running API: a fixed rate of requests, each with its own timeout, tallied
 * by the phase that was current when it was sent. A timeout or a refused connection is an outcome ("timeout",
 * "error"), never a thrown exception, so the test can assert on it.
 */
export interface Outcome {
  phase: string;
  kind: string;
  status: number | "timeout" | "error";
  failover: boolean;
  ms: number;
}

export interface RequestSpec {
  kind: string;
  path: string;
  init?: RequestInit;
}

export interface LoadOptions {
  baseUrl: string;
  ratePerSecond: number;
  timeoutMs: number;
  /**
   * At most this many requests in flight: on a loaded machine an open loop would pile requests up until every one
   * timed out; past the cap a tick sends nothing (counted in `skipped`), so the load eases off instead.
   */
  maxInFlight: number;
  /** Hard stop, whatever the test does. */
  maxDurationMs: number;
  next: (n: number) => RequestSpec;
}

export interface Load {
  phase: string;
  outcomes: Outcome[];
  /** Ticks that sent nothing because `maxInFlight` requests were still out. */
  skipped: number;
  /** Resolves once every request sent in `phase` has an outcome (each is bounded by its own timeout). */
  settled(phase: string): Promise<void>;
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

export function startLoad(options: LoadOptions): Load {
  const inFlight = new Map<Promise<void>, string>();
  const startedAt = Date.now();
  const load: Load = {
    phase: "warm-up",
    outcomes: [],
    skipped: 0,
    settled: async (phase) => {
      await Promise.all([...inFlight].filter(([, p]) => p === phase).map(([request]) => request));
    },
    stop: async () => {},
  };
  let n = 0;

  const send = ({ kind, path, init }: RequestSpec) => {
    const phase = load.phase;
    const sent = performance.now();
    const record = (status: Outcome["status"], failover = false) => {
      load.outcomes.push({ phase, kind, status, failover, ms: Math.round(performance.now() - sent) });
    };
    const request = fetch(`${options.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(options.timeoutMs) })
      .then(async (res) => {
        await res.arrayBuffer();
        record(res.status, res.headers.get("x-search-failover") === "true");
      })
      .catch((err: Error) => record(err.name === "TimeoutError" ? "timeout" : "error"))
      .finally(() => inFlight.delete(request));
    inFlight.set(request, phase);
  };

  const timer = setInterval(() => {
    if (Date.now() - startedAt > options.maxDurationMs) return clearInterval(timer);
    if (inFlight.size >= options.maxInFlight) {
      load.skipped++;
      return;
    }
    send(options.next(n++));
  }, 1000 / options.ratePerSecond);

  load.stop = async () => {
    clearInterval(timer);
    await Promise.all([...inFlight.keys()]);
  };
  return load;
}

/** Counts per phase and status ("200", "503", "timeout", …), plus how many searches were answered by failover. */
export function tally(outcomes: Outcome[], phase?: string) {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    if (phase !== undefined && o.phase !== phase) continue;
    counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
  }
  return counts;
}

export function formatTable(outcomes: Outcome[]): string {
  const phases = [...new Set(outcomes.map((o) => o.phase))];
  const statuses = [...new Set(outcomes.map((o) => String(o.status)))].sort();
  const header = ["phase", "requests", ...statuses, "failover", "p95 ms"];
  const rows = phases.map((phase) => {
    const mine = outcomes.filter((o) => o.phase === phase);
    const counts = tally(mine);
    const times = mine.map((o) => o.ms).sort((a, b) => a - b);
    const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
    const failover = mine.filter((o) => o.failover).length;
    return [phase, String(mine.length), ...statuses.map((s) => String(counts[s] ?? 0)), String(failover), String(p95)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
