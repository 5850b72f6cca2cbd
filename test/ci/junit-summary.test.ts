import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarize } from "../../scripts/ci/junit-summary";

const dir = mkdtempSync(join(tmpdir(), "junit-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = () => {};

function report(name: string, cases: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `<testsuites><testsuite>${cases.join("")}</testsuite></testsuites>`);
  return file;
}

describe("CI's final line (scripts/ci/junit-summary.ts)", () => {
  const passing = report("a.xml", ['<testcase name="x"/>', '<testcase name="y"></testcase>']);
  const failing = report("b.xml", [
    '<testcase name="z"><failure message="no"/></testcase>',
    '<testcase name="s"><skipped/></testcase>',
  ]);

  test("sums the reports' passed, failed and skipped test cases", () => {
    expect(summarize([`${passing}=0`, `${failing}=1`], quiet)).toBe("2 passed, 1 failed, 1 skipped");
  });

  test("a run that exited non-zero with no failed case in its report, or left none, is one failure", () => {
    expect(summarize([`${passing}=1`, `${join(dir, "missing.xml")}=2`], quiet)).toBe("2 passed, 2 failed");
  });

  test("a failed check step (lint, typecheck, a service start) is a failure, a passed one a pass", () => {
    expect(summarize([`${passing}=0`, "step:lint=1", "step:typecheck=0", "step:import floors=0"], quiet)).toBe(
      "4 passed, 1 failed",
    );
  });
});
