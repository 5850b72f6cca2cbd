import type { Redis } from "ioredis";
import type { Cache } from "./cache";

const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}`;

export function createRedisCache(redis: Redis, prefix: string): Cache {
  const k = (key: string) => prefix + key;
  return {
    kind: "redis",
    get: (key) => redis.get(k(key)),
    set: async (key, value, ttlSeconds) => {
      await redis.set(k(key), value, "EX", ttlSeconds);
    },
    setIfAbsent: async (key, value, ttlSeconds) => (await redis.set(k(key), value, "EX", ttlSeconds, "NX")) === "OK",
    take: (key) => redis.getdel(k(key)),
    del: async (...keys) => {
      if (keys.length) await redis.del(...keys.map(k));
    },
    increment: async (key, ttlSeconds) => {
      const [count, ttl] = (await redis.eval(INCREMENT, 1, k(key), ttlSeconds)) as [number, number];
      return { count, ttlSeconds: ttl };
    },
    ping: async () => {
      await redis.ping();
    },
    close: async () => {},
  };
}
