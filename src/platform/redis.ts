import { Redis } from "ioredis";
import type { Logger } from "./logger";
import { traceRedisCommands } from "./tracing/redis";

const UNREACHABLE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ECONNABORTED)$/;
const UNREACHABLE_MESSAGES = /Connection is closed|Stream isn't writeable|Reached the max retries|connect ETIMEDOUT/;

/** Whether `err` says Redis cannot be reached (an outage), rather than that a command or our code went wrong. */
export function isRedisUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (typeof code === "string" && UNREACHABLE_CODES.test(code)) || UNREACHABLE_MESSAGES.test(err.message);
}

interface OutageLog {
  error(err: unknown): void;
  ready(): void;
  /** We are closing the connection: "Connection is closed" from here on is ours, not an outage. */
  closing(): void;
}

// Connections built on this one (BullMQ's blocking duplicates) reconnect a little after it does; their errors in
// that time belong to the outage that just ended.
const SETTLE_MS = 5000;

/**
 * One JSON warning when a connection loses Redis and one info line when it is back, instead of a line per reconnect
 * attempt; errors that are not an outage are logged as errors.
 */
function createOutageLog(logger: Logger, connection: string): OutageLog {
  let down = false;
  let closing = false;
  let restoredAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return {
    error(err) {
      if (!isRedisUnreachable(err)) {
        logger.error({ err, connection }, "redis error");
        return;
      }
      if (closing || down || performance.now() - restoredAt < SETTLE_MS) {
        suppressed++;
        return;
      }
      down = true;
      const { message, code } = err as Error & { code?: string };
      logger.warn({ connection, err: { message, code } }, "redis unavailable");
    },
    ready() {
      if (!down) return;
      logger.info({ connection, suppressed }, "redis connection restored");
      down = false;
      suppressed = 0;
      restoredAt = performance.now();
    },
    closing() {
      closing = true;
    },
  };
}

const outages = new WeakMap<Redis, OutageLog>();

/**
 * The error listener for anything built on `redis` (BullMQ queues and workers, and the connections they duplicate),
 * so their errors count towards the same outage as the connection's own. Every such emitter needs one: BullMQ
 * prints an unlistened error to stderr as a multi-line dump.
 */
export function redisErrorListener(redis: Redis): (err: unknown) => void {
  const outage = outages.get(redis);
  if (!outage) throw new Error("redisErrorListener: connection was not made by connectRedis");
  return (err) => outage.error(err);
}

/**
 * API-side connection: commands fail fast while Redis is down (no offline queue) so requests degrade instead of hanging.
 * The worker builds its own with `maxRetriesPerRequest: null`, as BullMQ requires for blocking commands.
 */
export async function connectRedis(url: string, role: "api" | "worker", logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: role === "worker",
    maxRetriesPerRequest: role === "worker" ? null : 1,
    connectTimeout: 5000,
    // Commands issued in the same tick share one socket write: under load, far fewer writes for the same work.
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  const outage = createOutageLog(logger, role);
  outages.set(redis, outage);
  redis.on("error", outage.error);
  redis.on("ready", outage.ready);
  traceRedisCommands(redis);
  await redis.connect();
  return redis;
}

/**
 * Says that we are shutting `redis` down: from now on its own and its BullMQ users' "Connection is closed" errors are
 * expected, not an outage. Call it before closing what uses the connection.
 */
export function markRedisClosing(redis: Redis): void {
  outages.get(redis)?.closing();
}
