import type { RateLimitRule } from "./limits";

/** What a store reports after one atomic check-and-count (counts include this request when it was allowed). */
export interface WindowHit {
  allowed: boolean;
  current: number;
  previous: number;
  elapsedMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current fixed window ends. */
  resetSeconds: number;
  /** Seconds until a request would be allowed again (only meaningful when rejected). */
  retryAfterSeconds: number;
}

export interface RateLimitStore {
  hit(key: string, rule: RateLimitRule): Promise<WindowHit>;
}

/**
 * The two-window sliding approximation (anchor §6.1): the estimate is previous·(window−elapsed)/window + current,
 * and a request is allowed while the estimate before it is below the limit. Both stores run exactly this rule.
 */
export function estimate(previous: number, current: number, elapsedMs: number, windowMs: number) {
  return (previous * (windowMs - elapsedMs)) / windowMs + current;
}

function retryAfterMs({ current, previous, elapsedMs }: WindowHit, limit: number, windowMs: number) {
  if (current >= limit) return windowMs - elapsedMs + windowMs * (1 - limit / current);
  // Within this window the previous window's weight decays until the estimate drops below the limit.
  return windowMs * (1 - (limit - current) / previous) - elapsedMs;
}

export function decide(hit: WindowHit, rule: RateLimitRule): RateLimitDecision {
  const windowMs = rule.windowSeconds * 1000;
  const used = estimate(hit.previous, hit.current, hit.elapsedMs, windowMs);
  return {
    allowed: hit.allowed,
    limit: rule.limit,
    remaining: Math.max(0, Math.floor(rule.limit - used)),
    resetSeconds: Math.max(1, Math.ceil((windowMs - hit.elapsedMs) / 1000)),
    retryAfterSeconds: hit.allowed ? 0 : Math.max(1, Math.ceil(retryAfterMs(hit, rule.limit, windowMs) / 1000)),
  };
}
