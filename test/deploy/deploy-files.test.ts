import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createTestContext, type TestContext } from "../support/app";

/** No Docker engine or flyctl here: these keep the deploy files consistent with the code they ship. */
const ROOT = join(import.meta.dir, "../..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

const dockerfile = read("Dockerfile");
const flyText = read("fly.toml");
// biome-ignore lint/suspicious/noExplicitAny: fly.toml is free-form TOML
const fly = Bun.TOML.parse(flyText) as any;
const pkg = JSON.parse(read("package.json")) as { packageManager: string; scripts: Record<string, string> };
const defaults = loadConfig({});

/** Script names invoked as `bun run <name>` (shell form) or `["bun", "run", "<name>"]` (exec form). */
function bunRunTargets(text: string): string[] {
  const shell = [...text.matchAll(/bun run ([\w:-]+)(?![\w./-])/g)].map((m) => m[1]!);
  const exec = [...text.matchAll(/"bun",\s*"run",\s*"([\w:-]+)"/g)].map((m) => m[1]!);
  return [...shell, ...exec];
}

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("Dockerfile and fly.toml", () => {
  test("every `bun run X` names a package.json script whose file exists", () => {
    const targets = [...bunRunTargets(dockerfile), ...bunRunTargets(flyText)];
    expect(targets).toEqual(expect.arrayContaining(["start", "worker", "db:migrate"]));
    for (const name of targets) {
      expect(pkg.scripts[name], `script ${name}`).toBeDefined();
      const file = pkg.scripts[name]!.match(/bun run (\S+\.ts)/)?.[1];
      if (file) expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });

  test("the release command is the migration script", () => {
    expect(fly.deploy.release_command).toBe("bun run db:migrate");
    expect(pkg.scripts["db:migrate"]).toBeDefined();
  });

  test("process groups run the API and the worker; the proxy routes only to the API", () => {
    // The worker machine (shared-cpu-2x) runs one embedding model thread per core.
    expect(fly.processes).toEqual({ app: "bun run start", worker: "env EMBEDDING_THREADS=2 bun run worker" });
    expect(fly.http_service.processes).toEqual(["app"]);
    expect(fly.http_service.concurrency.hard_limit).toBeGreaterThanOrEqual(fly.http_service.concurrency.soft_limit);
  });

  test("ports agree with the config defaults", () => {
    expect(defaults.http.port).toBe(8080);
    expect(fly.http_service.internal_port).toBe(defaults.http.port);
    expect(fly.env.PORT).toBe(String(defaults.http.port));
    expect(dockerfile).toContain(`EXPOSE ${defaults.http.port}`);
    expect(dockerfile).toMatch(new RegExp(`PORT=${defaults.http.port}\\b`));
    expect(fly.checks.worker_health.port).toBe(defaults.worker.healthPort);
    const metricsPorts = fly.metrics.map((m: { port: number }) => m.port);
    expect(metricsPorts).toEqual([Number(fly.env.METRICS_PORT), defaults.worker.healthPort]);
  });

  test("fly.toml's environment is a valid configuration once the secrets are set", () => {
    const secrets = {
      DATABASE_URL: "postgres://u:p@db.internal:5432/clipper",
      REDIS_URL: "redis://default:p@redis.internal:6379",
      JWT_SECRET: "x".repeat(64),
    };
    const config = loadConfig({ ...fly.env, ...secrets });
    expect(config.production).toBe(true);
    expect(config.http.shutdownTimeoutMs).toBeLessThan(Number.parseInt(fly.kill_timeout, 10) * 1000);
  });

  test("the health paths exist in the app", async () => {
    for (const check of fly.http_service.checks) {
      expect((await t.request(check.path)).status).toBe(200);
    }
    const dockerPath = dockerfile.match(/HEALTHCHECK[\s\S]*?127\.0\.0\.1:'\+[^+]+\+'(\/[\w/]+)'/)?.[1];
    expect(dockerPath).toBe("/health/live");
    expect((await t.request(dockerPath!)).status).toBe(200);
    expect(read("workers/main.ts")).toContain(`.get("${fly.checks.worker_health.path}"`);
  });

  test("the Bun image tag matches packageManager", () => {
    const version = pkg.packageManager.replace(/^bun@/, "");
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]!);
    expect(froms.length).toBeGreaterThan(1);
    for (const image of froms) expect(image).toMatch(new RegExp(`^oven/bun:${version.replaceAll(".", "\\.")}(-|$)`));
  });

  test("every COPY'd file exists, migrations included; the image runs as a non-root user", () => {
    const sources = [...dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)].flatMap((m) =>
      m[1]!.trim().split(/\s+/).slice(0, -1),
    );
    expect(sources).toEqual(expect.arrayContaining(["drizzle", "package.json", "bun.lock", "src", "workers"]));
    for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    expect(dockerfile).toMatch(/^USER\s+bun$/m);
    expect(dockerfile).toContain("--production");
    expect(dockerfile).toContain("--frozen-lockfile");
  });

  test("every patched dependency's patch is in the image before its install", () => {
    const patched = (JSON.parse(read("package.json")) as { patchedDependencies?: Record<string, string> })
      .patchedDependencies;
    expect(Object.keys(patched ?? {})).toContain("postgres@3.4.9");
    const install = dockerfile.indexOf("RUN bun install");
    for (const file of Object.values(patched ?? {})) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
      const copy = dockerfile.search(/^COPY\s+patches\s/m);
      expect(copy, "COPY patches").toBeGreaterThan(-1);
      expect(copy).toBeLessThan(install);
    }
  });
});
