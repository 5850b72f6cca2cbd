/**
 * Sums bun's junit reports into the one line CI reads: `N passed, N failed[, N skipped]`.
 * Arguments are `report.xml=exitCode`: a run that exited non-zero without a failed test in its report
 * (a file that failed to load, an error between tests, a missing report) counts as one failure. A `step:NAME=exitCode`
 * argument is one check that is not a test run (typecheck, lint, a service that must start): one passed or failed, so
 * a red run never reads "0 failed".
 */
import { existsSync, readFileSync } from "node:fs";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const TESTCASE = /<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g;

export function countReport(xml: string): Counts {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const match of xml.matchAll(TESTCASE)) {
    const body = match[1] ?? "";
    if (/<(failure|error)\b/.test(body)) counts.failed++;
    else if (/<skipped\b/.test(body)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}

export function summarize(args: string[], log: (line: string) => void = console.error): string {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const arg of args) {
    const [file, code = "0"] = arg.split("=");
    if (file?.startsWith("step:")) {
      if (code === "0") total.passed++;
      else total.failed++;
      continue;
    }
    const counts = file && existsSync(file) ? countReport(readFileSync(file, "utf8")) : undefined;
    if (!counts) log(`junit-summary: no report at ${file}`);
    const unreported = code !== "0" && (counts?.failed ?? 0) === 0 ? 1 : 0;
    if (unreported) log(`junit-summary: ${file} exited ${code} with no failed test in its report`);
    total.passed += counts?.passed ?? 0;
    total.failed += (counts?.failed ?? 0) + unreported;
    total.skipped += counts?.skipped ?? 0;
  }
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : "";
  return `${total.passed} passed, ${total.failed} failed${skipped}`;
}

if (import.meta.main) console.log(summarize(process.argv.slice(2)));
