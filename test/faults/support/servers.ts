import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Private PostgreSQL, Redis and OpenSearch servers for the fault suite, on their own loopback ports and data
 * directories, so killing them cannot disturb the shared CI/dev services (scripts/ci, scripts/opensearch).
 * Each keeps its data across stop/start: a restart is a restart, not a fresh server.
 */
export interface Server {
  readonly name: string;
  readonly url: string;
  start(): Promise<void>;
  /** Graceful stop (the server closes its connections). */
  stop(): Promise<void>;
  /** SIGKILL, no shutdown work. */
  kill(): Promise<void>;
  /** Stops it and removes its data; safe to call twice or after a failed start. */
  destroy(): Promise<void>;
}

const ROOT = new URL("../../..", import.meta.url).pathname;
const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const JAVA_HOME = process.env.OPENSEARCH_JAVA_HOME ?? "/usr/lib/jvm/java-17-openjdk-amd64";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(cmd: string[], what: string) {
  const proc = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [code, out, err] = await Promise.all([
    proc.exited,
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
  ]);
  if (code !== 0) throw new Error(`${what} exited ${code}: ${err || out}`);
  return out;
}

async function until(ready: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

async function waitExit(proc: Bun.Subprocess | undefined, timeoutMs: number) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  await proc.exited;
  clearTimeout(timer);
}

/** PostgreSQL 15 cluster in /tmp (the postgres user, when we are root, cannot enter the checkout). */
export async function createPostgres(port: number): Promise<Server> {
  const dir = mkdtempSync("/tmp/clipper-faults-pg.");
  const data = join(dir, "data");
  mkdirSync(data, { mode: 0o700 });
  mkdirSync(join(dir, "sock"));
  const root = process.getuid?.() === 0;
  const as = (cmd: string[]) => (root ? ["runuser", "-u", "postgres", "--", ...cmd] : cmd);
  if (root) {
    const ids = (await run(["id", "-u", "postgres"], "id")).trim();
    const gid = Number((await run(["id", "-g", "postgres"], "id")).trim());
    for (const path of [dir, data, join(dir, "sock")]) chownSync(path, Number(ids), gid);
  }
  const pgCtl = (...args: string[]) => as([`${PG_BIN}/pg_ctl`, "-D", data, ...args]);
  await run(
    as([`${PG_BIN}/initdb`, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
    "initdb",
  );
  const options = `-p ${port} -k ${dir}/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  let running = false;
  const server: Server = {
    name: "postgres",
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await run(pgCtl("-l", join(dir, "postgres.log"), "-w", "-t", "30", "-o", options, "start"), "pg_ctl start");
      running = true;
    },
    async stop() {
      if (running) await run(pgCtl("-m", "fast", "-w", "-t", "30", "stop"), "pg_ctl stop");
      running = false;
    },
    async kill() {
      if (running) await run(pgCtl("-m", "immediate", "-w", "-t", "30", "stop"), "pg_ctl stop -m immediate");
      running = false;
    },
    async destroy() {
      await server.stop().catch(() => server.kill().catch(() => {}));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** Redis with an fsync-always append-only file: a SIGKILL loses no acknowledged write (the queues live here). */
export async function createRedis(port: number): Promise<Server> {
  const dir = mkdtempSync("/tmp/clipper-faults-redis.");
  let proc: Bun.Subprocess | undefined;
  const ping = async () => (await run(["redis-cli", "-p", String(port), "ping"], "redis-cli")).includes("PONG");
  const server: Server = {
    name: "redis",
    url: `redis://127.0.0.1:${port}/0`,
    async start() {
      proc = Bun.spawn(
        ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", ""].concat([
          "--appendonly",
          "yes",
          "--appendfsync",
          "always",
          "--logfile",
          join(dir, "redis.log"),
        ]),
        { stdout: "ignore", stderr: "ignore", stdin: "ignore" },
      );
      await until(ping, 10_000, "redis");
    },
    async stop() {
      proc?.kill("SIGTERM");
      await waitExit(proc, 10_000);
    },
    async kill() {
      proc?.kill("SIGKILL");
      await waitExit(proc, 5_000);
    },
    async destroy() {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** The jars and launcher scripts/opensearch/start.sh fetched and compiled (it must have run once on this machine). */
function openSearchCache() {
  const pom = readFileSync(join(ROOT, "tools/opensearch/pom.xml"), "utf8");
  const version = /<opensearch\.version>(.*)<\/opensearch\.version>/.exec(pom)?.[1];
  const base =
    process.env.OPENSEARCH_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "clipper/opensearch", version ?? "");
  if (!existsSync(join(base, "classes")) || !existsSync(join(base, "lib"))) {
    throw new Error(
      `no OpenSearch jars at ${base}: run scripts/opensearch/start.sh once (it fetches them), then stop.sh`,
    );
  }
  return base;
}

/** A single OpenSearch node (the same launcher as scripts/opensearch) with its own home, kept across restarts. */
export async function createOpenSearch(port: number, transportPorts: string): Promise<Server> {
  const cache = openSearchCache();
  const home = mkdtempSync("/tmp/clipper-faults-opensearch.");
  const url = `http://127.0.0.1:${port}`;
  let proc: Bun.Subprocess | undefined;
  const healthy = async () =>
    (await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, { signal: AbortSignal.timeout(3000) })).ok;
  const server: Server = {
    name: "opensearch",
    url,
    async start() {
      proc = Bun.spawn(
        [`${JAVA_HOME}/bin/java`, "-Xms384m", "-Xmx384m", "-XX:+UseG1GC", "-Xss1m", "-Djava.awt.headless=true"]
          .concat(["-Djava.locale.providers=SPI,COMPAT", "-Dio.netty.noUnsafe=true", "-Dlog4j2.disable.jmx=true"])
          .concat([`-Dlog4j2.configurationFile=${join(ROOT, "tools/opensearch/log4j2.properties")}`])
          .concat([`-Dos.home=${home}`, `-Dos.http.port=${port}`, `-Dos.transport.port=${transportPorts}`])
          .concat(["-Dos.cluster.name=clipper-faults", "-cp", `${cache}/classes:${cache}/lib/*`, "OpenSearchTestNode"]),
        { stdout: Bun.file(join(home, "node.log")), stderr: "inherit", stdin: "ignore" },
      );
      await until(healthy, 120_000, "opensearch");
    },
    async stop() {
      proc?.kill("SIGTERM");
      await waitExit(proc, 30_000);
    },
    async kill() {
      proc?.kill("SIGKILL");
      await waitExit(proc, 5_000);
    },
    async destroy() {
      await server.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return server;
}
