import { type Context, Hono } from "hono";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { returns } from "../../http/openapi/registry";
import { MessageBody } from "../../http/wire-fields";
import { type Check, Liveness, Readiness } from "./schemas";

const CHECK_TIMEOUT_MS = 2000;

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "up", latency_ms: Math.round((performance.now() - started) * 100) / 100 };
  } catch {
    return { status: "down", latency_ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** An open circuit means searches are being answered by Postgres: down, whatever a single ping says. */
async function opensearchCheck(deps: Deps): Promise<Check> {
  if (!deps.opensearch) return { status: "disabled" };
  const { client, breaker } = deps.opensearch;
  const circuit = breaker.state;
  if (circuit === "open") return { status: "down", circuit };
  return { ...(await timed(() => client.request({ method: "GET", path: "/_cluster/health" }))), circuit };
}

export function createHealthRoutes(deps: Deps) {
  const live: Liveness = { status: "ok" };

  async function readiness(): Promise<{ ready: boolean; body: Readiness }> {
    // Draining: the process has been asked to stop; say so before the listener closes, without probing anything.
    if (deps.lifecycle.draining) return { ready: false, body: { status: "draining" } };
    const [database, redis, opensearch] = await Promise.all([
      timed(() => deps.database.ping()),
      deps.redis ? timed(() => deps.cache.ping()) : Promise.resolve<Check>({ status: "disabled" }),
      opensearchCheck(deps),
    ]);
    const checks = { database, redis, opensearch };
    const ready = database.status === "up";
    const degraded = ready && Object.values(checks).some((c) => c.status === "down");
    return { ready, body: { status: ready ? (degraded ? "degraded" : "ok") : "unavailable", checks } };
  }

  const answerReadiness = async (c: Context<AppEnv>) => {
    const { ready, body } = await readiness();
    return c.json(body, ready ? 200 : 503);
  };

  return new Hono<AppEnv>()
    .get("/health", returns(Liveness), (c) => c.json(live))
    .get("/health/live", returns(Liveness), (c) => c.json(live))
    .get("/health/ready", returns(Readiness), returns(Readiness, 503), answerReadiness)
    .get("/api/v1/health", returns(Readiness), returns(Readiness, 503), answerReadiness)
    .get("/api/v1/ping", returns(MessageBody), (c) => c.json({ message: "pong" } satisfies MessageBody));
}
