/**
 * The floors of ARCHITECTURE.md, checked on every import in src/: platform and db import neither http nor modules,
 * http imports no modules, and no repository or service imports Hono; and the one write path: no route file opens a
 * transaction or invalidates the cache itself (a service's mutate() does both). Exits 1 listing each violation.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dir, "..");
const src = join(root, "src");
const IMPORT =
  /(?:^|\s)(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `src/`-relative folder of a relative import ("http", "modules", ...), or the package name of a bare one. */
function target(file: string, specifier: string): { floor?: string; pkg?: string } {
  if (!specifier.startsWith(".")) return { pkg: specifier.startsWith("@") ? specifier : specifier.split("/")[0] };
  const path = relative(src, resolve(dirname(file), specifier));
  return path.startsWith("..") ? {} : { floor: path.split("/")[0] };
}

const isRepositoryOrService = (file: string) => /^(repo|service)\.ts$|-(repo|service)\.ts$/.test(basename(file));

function violation(file: string, specifier: string): string | undefined {
  const floor = relative(src, file).split("/")[0];
  const to = target(file, specifier);
  if ((floor === "platform" || floor === "db") && (to.floor === "http" || to.floor === "modules")) {
    return `src/${floor} must not import src/${to.floor}`;
  }
  if (floor === "http" && to.floor === "modules") return "src/http must not import src/modules";
  if (isRepositoryOrService(file) && to.pkg === "hono") return "a repository or service must not import hono";
  return undefined;
}

const isRouteFile = (file: string) => /^routes\.ts$|-routes\.ts$/.test(basename(file));
const WRITE_IN_ROUTE = /\.transaction\(|\.invalidate\(/g;

const problems: string[] = [];
for (const file of sourceFiles(src)) {
  const text = readFileSync(file, "utf8");
  if (isRouteFile(file)) {
    for (const match of text.matchAll(WRITE_IN_ROUTE)) {
      problems.push(`${relative(root, file)}: calls ${match[0]} (a route calls a service, whose mutate() writes)`);
    }
  }
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3]!;
    const reason = violation(file, specifier);
    if (reason) problems.push(`${relative(root, file)}: imports "${specifier}" (${reason})`);
  }
}
for (const problem of problems) console.error(problem);
if (problems.length) process.exit(1);
console.log("imports: every floor rule holds; no route file writes by itself");
