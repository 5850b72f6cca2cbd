/**
 * `bun run fuzz`: schemathesis over every operation of GET /api/v1/openapi.json, against a throwaway server on
 * 127.0.0.1 (embedded database with demo data), three passes: anonymous, as user1_e2e, as admin1_e2e.
 * Exits 1 when any pass reports a failure or an error. Notes and disabled checks: test/fuzz/README.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname;
const VERSION = readFileSync(join(ROOT, "test/fuzz/requirements.txt"), "utf8").match(/==([\d.]+)/)![1]!;
const VENV = process.env.FUZZ_VENV ?? join(homedir(), ".cache/clipper", `schemathesis-${VERSION}`);
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? "25";
/** Per pass; three passes keep the whole run under ten minutes. */
const MAX_SECONDS = Number(process.env.FUZZ_MAX_SECONDS ?? "170");
const CHECKS = "not_a_server_error,response_schema_conformance";

function sh(cmd: string[], env?: Record<string, string>) {
  const res = Bun.spawnSync(cmd, { cwd: ROOT, stdout: "inherit", stderr: "inherit", env: { ...process.env, ...env } });
  if (res.exitCode !== 0) throw new Error(`${cmd.join(" ")} exited ${res.exitCode}`);
}

/**
 * The newest Python >= 3.12 on PATH (or FUZZ_PYTHON): under 3.11, hypothesis' concurrent `ast.parse` of lambdas
 * fails with "AST constructor recursion depth mismatch" and aborts operations as schemathesis Runtime Errors.
 */
function python(): string {
  const candidates = [process.env.FUZZ_PYTHON, "python3.13", "python3.12", "python3"].filter(Boolean) as string[];
  const works = (py: string) =>
    Bun.spawnSync([py, "-c", "import sys; assert sys.version_info >= (3, 12)"], { stderr: "ignore" }).exitCode === 0;
  const found = candidates.find((py) => Bun.which(py) && works(py));
  if (!found) console.warn("fuzz: no Python >= 3.12 found; using python3 (expect occasional Runtime Errors)");
  return found ?? "python3";
}

function ensureVenv(): string {
  const st = join(VENV, "bin/st");
  if (!existsSync(st)) {
    console.log(`fuzz: installing schemathesis ${VERSION} into ${VENV}`);
    sh([python(), "-m", "venv", VENV]);
    sh([join(VENV, "bin/pip"), "install", "-q", "-r", join(ROOT, "test/fuzz/requirements.txt")]);
  }
  return st;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

async function waitHealthy(base: string, server: Bun.Subprocess) {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await Bun.sleep(500);
  }
  throw new Error("server did not become healthy within 120 s");
}

// biome-ignore lint/suspicious/noExplicitAny: probing the running API's JSON
async function get(base: string, path: string, token?: string): Promise<any> {
  const res = await fetch(`${base}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return res.json();
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/auth/test-login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`test-login ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { access_token: string; user: { id: string; username: string } };
  return { token: body.access_token, id: body.user.id, username: body.user.username };
}

const toml = (values: unknown[]) => JSON.stringify([...new Set(values.filter((v) => typeof v === "string" && v))]);

/**
 * Real identifiers from the demo data, offered for path parameters half of the time, so the fuzzer reaches
 * past "404 not found" into bodies and queries. The admin's own id is left out: the admin pass would ban it.
 */
async function writeConfig(base: string, dir: string, user: { id: string; token: string }) {
  const clips = (await get(base, "/clips?limit=5")).data ?? [];
  const comments = clips[0] ? ((await get(base, `/clips/${clips[0].id}/comments?limit=5`)).comments ?? []) : [];
  const tags = (await get(base, "/tags?limit=5")).tags ?? [];
  const games = (await get(base, "/games/trending?limit=5")).games ?? [];
  const broadcasters = (await get(base, "/broadcasters/popular?limit=5")).broadcasters ?? [];
  // biome-ignore lint/suspicious/noExplicitAny: demo rows
  const pick = (rows: any[], key: string) => rows.map((r) => r[key]);
  const ids = [
    user.id,
    ...pick(clips, "id"),
    ...pick(clips, "submitted_by_user_id"),
    ...pick(comments, "id"),
    ...pick(tags, "id"),
  ];
  const config = `# Written by test/fuzz/run.ts for one run.
[dictionaries.ids]
values = ${toml(ids)}
[dictionaries.slugs]
values = ${toml([...pick(tags, "slug"), "gaming"])}
[dictionaries.games]
values = ${toml([...pick(games, "twitch_game_id"), ...pick(games, "id"), ...pick(clips, "game_id")])}
[dictionaries.broadcasters]
values = ${toml(pick(broadcasters, "broadcaster_id"))}
[dictionaries.names]
values = ${toml([...pick(clips, "creator_name"), "user1_e2e"])}
[dictionaries.twitch_clips]
values = ${toml(pick(clips, "twitch_clip_id"))}

[parameters]
"path.id" = { dictionary = "ids", probability = 0.5 }
"path.slug" = { dictionary = "slugs", probability = 0.5 }
"path.gameId" = { dictionary = "games", probability = 0.5 }
"path.username" = { dictionary = "names", probability = 0.5 }
"path.creatorName" = { dictionary = "names", probability = 0.5 }
"path.clip_id" = { dictionary = "twitch_clips", probability = 0.5 }

# Broadcaster ids share the name \`id\` with users and clips but are Twitch ids.
[[operations]]
include-path-regex = "^/api/v1/broadcasters/"
parameters = { "path.id" = { dictionary = "broadcasters", probability = 0.5 } }
`;
  const path = join(dir, "schemathesis.toml");
  writeFileSync(path, config);
  return path;
}

interface PassResult {
  name: string;
  generated: number;
  failures: number;
  errors: number;
  exitCode: number;
}

function runPass(st: string, config: string, base: string, dir: string, name: string, token?: string): PassResult {
  const reportDir = join(dir, `report-${name}`);
  const args = [st, "--config-file", config, "run", `${base}/api/v1/openapi.json`, "--url", base];
  args.push("--checks", CHECKS, "--phases", "examples,coverage,fuzzing", "--max-examples", MAX_EXAMPLES);
  args.push("--max-time", String(MAX_SECONDS), "--max-redirects", "0", "--request-timeout", "15", "--workers", "2");
  args.push("--report", "json,junit", "--report-dir", reportDir, "--warnings", "off", "--output-truncate", "true");
  if (process.env.FUZZ_SEED) args.push("--seed", process.env.FUZZ_SEED);
  if (token) args.push("--header", `Authorization: Bearer ${token}`);
  console.log(`\nfuzz: pass "${name}"`);
  const res = Bun.spawnSync(args, { cwd: dir, stdout: "inherit", stderr: "inherit" });
  const file = readdirSync(reportDir).find((f) => f.startsWith("json-"));
  const report = file ? JSON.parse(readFileSync(join(reportDir, file), "utf8")) : undefined;
  return {
    name,
    generated: report?.test_cases.generated ?? 0,
    failures: report?.test_cases.unique_failures ?? 0,
    errors: (report?.errors ?? []).reduce((n: number, e: { count: number }) => n + e.count, 0),
    exitCode: res.exitCode ?? 1,
  };
}

async function main() {
  const st = ensureVenv();
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, ".tmp/fuzz-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = Bun.file(join(dir, "server.log"));
  const server = Bun.spawn([process.execPath, "run", "--no-env-file", "src/server.ts"], {
    cwd: ROOT,
    stdout: log,
    stderr: log,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: homedir(),
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: join(dir, "data"),
      DEMO_DATA: "true",
      ENABLE_TEST_LOGIN: "true",
      JWT_SECRET: crypto.randomUUID() + crypto.randomUUID(),
      RATE_LIMIT_ENABLED: "false",
      LOG_LEVEL: "warn",
      EMBEDDING_PROVIDER: "hashing",
      // Nothing leaves the machine: Twitch calls go to a closed loopback port and fail fast.
      TWITCH_API_URL: "http://127.0.0.1:9/helix",
      TWITCH_AUTH_URL: "http://127.0.0.1:9/oauth2",
      TWITCH_TIMEOUT_MS: "1000",
    },
  });
  const results: PassResult[] = [];
  try {
    await waitHealthy(base, server);
    console.log(`fuzz: API on ${base}, files in ${dir}`);
    const user = await login(base, "user1_e2e");
    const config = await writeConfig(base, dir, user);
    results.push(runPass(st, config, base, dir, "anonymous"));
    results.push(runPass(st, config, base, dir, "user", (await login(base, "user1_e2e")).token));
    results.push(runPass(st, config, base, dir, "admin", (await login(base, "admin1_e2e")).token));
  } finally {
    server.kill("SIGTERM");
    await server.exited;
  }
  console.log("\nfuzz summary");
  for (const r of results) {
    console.log(`  ${r.name.padEnd(10)} ${r.generated} cases, ${r.failures} unique failures, ${r.errors} errors`);
  }
  const total = results.reduce((n, r) => n + r.generated, 0);
  const bad = results.some((r) => r.failures > 0 || r.errors > 0 || r.exitCode !== 0);
  console.log(`  total      ${total} cases; reports and server.log in ${dir}`);
  process.exit(bad ? 1 : 0);
}

await main();
