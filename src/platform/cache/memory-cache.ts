import type { Cache } from "./cache";

interface Entry {
  value: string;
  expiresAt: number;
}

export function createMemoryCache(maxEntries = 50_000, now: () => number = Date.now): Cache {
  const entries = new Map<string, Entry>();

  const read = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  };

  const write = (key: string, value: string, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  };

  return {
    kind: "memory",
    get: async (key) => read(key)?.value ?? null,
    set: async (key, value, ttlSeconds) => write(key, value, ttlSeconds),
    setIfAbsent: async (key, value, ttlSeconds) => {
      if (read(key)) return false;
      write(key, value, ttlSeconds);
      return true;
    },
    take: async (key) => {
      const entry = read(key);
      entries.delete(key);
      return entry?.value ?? null;
    },
    del: async (...keys) => {
      for (const key of keys) entries.delete(key);
    },
    increment: async (key, ttlSeconds) => {
      const entry = read(key);
      if (!entry) {
        write(key, "1", ttlSeconds);
        return { count: 1, ttlSeconds };
      }
      entry.value = String(Number(entry.value) + 1);
      return { count: Number(entry.value), ttlSeconds: Math.ceil((entry.expiresAt - now()) / 1000) };
    },
    ping: async () => {},
    close: async () => entries.clear(),
  };
}
