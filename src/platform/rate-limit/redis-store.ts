import type { Redis } from "ioredis";
import type { RateLimitStore } from "./window";

/**
 * The same two-window rule as the memory store, atomic in one script on one hash (fields w: window index,
 * c: current count, p: previous count). Redis's own clock is used so every API instance agrees on the window.
 */
const HIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local win = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local idx = math.floor(now / win)
local s = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
local w = tonumber(s[1])
local c = tonumber(s[2]) or 0
local p = tonumber(s[3]) or 0
if w ~= idx then
  if w == idx - 1 then p = c else p = 0 end
  c = 0
end
local elapsed = now - idx * win
local allowed = 0
if p * (win - elapsed) / win + c < limit then
  c = c + 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'w', idx, 'c', c, 'p', p)
redis.call('PEXPIRE', KEYS[1], win * 2)
return {allowed, c, p, elapsed}`;

export function createRedisRateLimitStore(redis: Redis, prefix: string): RateLimitStore {
  return {
    async hit(key, rule) {
      // The whole key is the hash tag, so a cluster keeps each bucket on one slot.
      const redisKey = `${prefix}rl:{${key}}`;
      const [allowed, current, previous, elapsedMs] = (await redis.eval(
        HIT,
        1,
        redisKey,
        rule.windowSeconds * 1000,
        rule.limit,
      )) as [number, number, number, number];
      return { allowed: allowed === 1, current, previous, elapsedMs };
    },
  };
}
