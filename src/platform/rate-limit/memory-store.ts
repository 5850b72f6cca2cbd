import { estimate, type RateLimitStore } from "./window";

interface Counter {
  window: number;
  current: number;
  previous: number;
  touchedAt: number;
}

const SWEEP_AT = 10_000;
/** Longer than every window in the table: a counter idle this long estimates to 0 on its next hit anyway. */
const IDLE_MS = 2 * 3_600_000;

/** Per-process store: the embedded default, and the fail-open fallback while Redis is down. */
export function createMemoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const counters = new Map<string, Counter>();

  const sweep = (at: number) => {
    for (const [key, counter] of counters) if (at - counter.touchedAt > IDLE_MS) counters.delete(key);
  };

  return {
    async hit(key, rule) {
      const windowMs = rule.windowSeconds * 1000;
      const at = now();
      const index = Math.floor(at / windowMs);
      if (counters.size >= SWEEP_AT) sweep(at);
      const stored = counters.get(key);
      const counter: Counter = { window: index, current: 0, previous: 0, touchedAt: at };
      if (stored?.window === index) {
        counter.current = stored.current;
        counter.previous = stored.previous;
      } else if (stored?.window === index - 1) {
        counter.previous = stored.current;
      }
      const elapsedMs = at - index * windowMs;
      const allowed = estimate(counter.previous, counter.current, elapsedMs, windowMs) < rule.limit;
      if (allowed) counter.current += 1;
      counters.set(key, counter);
      return { allowed, current: counter.current, previous: counter.previous, elapsedMs };
    },
  };
}
