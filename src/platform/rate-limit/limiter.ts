import type { Redis } from "ioredis";
import type { Logger } from "../logger";
import type { RateLimitRule } from "./limits";
import { createMemoryRateLimitStore } from "./memory-store";
import { createRedisRateLimitStore } from "./redis-store";
import { decide, type RateLimitDecision } from "./window";

export interface RateLimiter {
  readonly kind: "redis" | "memory";
  /** Counts one request of `subject` against the route's bucket. */
  hit(route: string, subject: string, rule: RateLimitRule): Promise<RateLimitDecision>;
}

const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * Redis when configured, shared by every API instance. Policy while Redis fails: fail open to a per-process memory
 * limiter, so limits still hold per instance (an attacker spread over N instances gets N budgets) and no request
 * fails because of the limiter. The error is logged at most once per interval.
 */
export function createRateLimiter(options: { redis?: Redis; keyPrefix: string; logger: Logger }): RateLimiter {
  const local = createMemoryRateLimitStore();
  const shared = options.redis && createRedisRateLimitStore(options.redis, options.keyPrefix);
  let lastErrorLog = 0;

  return {
    kind: shared ? "redis" : "memory",
    async hit(route, subject, rule) {
      const key = `${route}|${subject}`;
      if (!shared) return decide(await local.hit(key, rule), rule);
      try {
        return decide(await shared.hit(key, rule), rule);
      } catch (err) {
        if (Date.now() - lastErrorLog >= ERROR_LOG_INTERVAL_MS) {
          lastErrorLog = Date.now();
          options.logger.warn({ err }, "rate limit store unavailable: limiting per process");
        }
        return decide(await local.hit(key, rule), rule);
      }
    },
  };
}
