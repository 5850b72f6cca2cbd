import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import type { Logger } from "../platform/logger";
import { type Database, type Db, queryRows } from "./client";

export interface ReplicaOptions {
  maxLagMs: number;
  checkIntervalMs: number;
}

export interface ReplicaState {
  index: number;
  healthy: boolean;
  lagMs: number | undefined;
}

/**
 * Read replicas behind one `Db`: `readDb` sends each query to the database chosen for the current request (see
 * `routeRequest`), or round-robin over the healthy replicas outside a request; the primary when none is healthy.
 */
export interface ReplicaSet {
  readDb: Db;
  /** Runs `fn` with its `readDb` queries on one database: the primary when `usePrimary`, else the next replica. */
  routeRequest<T>(usePrimary: boolean, fn: () => Promise<T>): Promise<T>;
  /** Polls every replica once (the timer does it every checkIntervalMs). */
  check(): Promise<void>;
  states(): ReplicaState[];
  close(): Promise<void>;
}

/**
 * A replica is behind only while it has received WAL it has not replayed: an idle primary writes nothing, and then
 * `now() - pg_last_xact_replay_timestamp()` grows without the replica missing anything.
 */
const LAG_QUERY = sql`select case
  when not pg_is_in_recovery() or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
  else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000, 0)
end::float8 as lag_ms`;

export function createReplicaSet(
  primary: Db,
  replicas: Database[],
  options: ReplicaOptions,
  logger: Logger,
): ReplicaSet {
  // Out of rotation until the first check passes, so a replica that is down at boot never answers.
  const states: ReplicaState[] = replicas.map((_, index) => ({ index, healthy: false, lagMs: undefined }));
  const routed = new AsyncLocalStorage<Db>();
  let next = 0;

  function pick(): Db {
    const healthy = states.filter((s) => s.healthy);
    if (healthy.length === 0) return primary;
    next = (next + 1) % healthy.length;
    return replicas[healthy[next]!.index]!.db;
  }

  async function checkOne(state: ReplicaState) {
    const replica = replicas[state.index]!;
    let healthy = false;
    try {
      const [row] = await queryRows<{ lag_ms: number }>(replica.db, LAG_QUERY);
      state.lagMs = Number(row?.lag_ms ?? 0);
      healthy = state.lagMs <= options.maxLagMs;
    } catch {
      state.lagMs = undefined;
    }
    if (healthy !== state.healthy) {
      const log = healthy ? logger.info.bind(logger) : logger.warn.bind(logger);
      log({ replica: state.index, lagMs: state.lagMs }, healthy ? "replica in rotation" : "replica out of rotation");
    }
    state.healthy = healthy;
  }

  const check = async () => {
    await Promise.all(states.map(checkOne));
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  if (replicas.length) {
    void check();
    timer = setInterval(() => void check(), options.checkIntervalMs);
    timer.unref?.();
  }

  // Drizzle binds a query builder to its database when the builder is made, so choosing per property access sends
  // every `readDb.select()`, `.execute()` or `.transaction()` to one database.
  const readDb = replicas.length
    ? new Proxy(primary, {
        get(_, prop) {
          const target = routed.getStore() ?? pick();
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      })
    : primary;

  return {
    readDb,
    routeRequest: (usePrimary, fn) => (replicas.length ? routed.run(usePrimary ? primary : pick(), fn) : fn()),
    check,
    states: () => states.map((s) => ({ ...s })),
    close: async () => {
      clearInterval(timer);
      // A replica that already failed must not hold up shutdown.
      await Promise.allSettled(replicas.map((r) => r.close()));
    },
  };
}
