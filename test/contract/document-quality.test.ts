import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { wireSchemas } from "../../src/http/openapi/registry";
import { createTestContext, json, type TestContext } from "../support/app";

const ROOT = resolve(import.meta.dir, "../..");
const REDOCLY = join(ROOT, "node_modules/@redocly/cli/bin/cli.js");
const METHODS = ["get", "put", "post", "delete", "patch"];

// biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON
type Doc = any;

let t: TestContext;
let spec: Doc;
beforeAll(async () => {
  t = await createTestContext();
  spec = await json(await t.request("/api/v1/openapi.json"));
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Doc>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );

describe("the served OpenAPI document", () => {
  test("passes a Redocly lint with the recommended ruleset without errors", async () => {
    const dir = await mkdtemp(join(ROOT, ".tmp/redocly-"));
    try {
      const file = join(dir, "openapi.json");
      await Bun.write(file, JSON.stringify(spec));
      const lint = Bun.spawn([process.execPath, REDOCLY, "lint", file, "--format=json"], {
        cwd: dir,
        stdout: "pipe",
        stderr: "pipe",
      });
      const report = JSON.parse(await new Response(lint.stdout).text());
      await lint.exited;
      const errors = report.problems.filter((p: Doc) => p.severity === "error");
      expect(errors.map((p: Doc) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("every example body fits its schema (what the docs page shows is what the API sends)", () => {
    let checked = 0;
    for (const { name, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, Doc>)) {
        const media = response.content?.["application/json"];
        const schemaName = media?.schema?.$ref?.split("/").pop();
        if (!schemaName) continue;
        const schema = wireSchemas._idmap.get(schemaName);
        expect(schema, schemaName).toBeDefined();
        const parsed = z.safeParse(schema!, media.example);
        expect(parsed.error?.issues ?? [], `${name} ${status} (${schemaName})`).toEqual([]);
        checked++;
      }
    }
    for (const [name, response] of Object.entries(spec.components.responses as Record<string, Doc>)) {
      const media = response.content?.["application/json"];
      if (!media?.schema.$ref) continue;
      const schema = wireSchemas._idmap.get(media.schema.$ref.split("/").pop());
      expect(z.safeParse(schema!, media.example).error?.issues ?? [], name).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  // The gap made visible: an operation listed here answers a bare `object` in the document and generated clients.
  test("every operation documents its 2xx body (returns / returnsNothing)", () => {
    const undocumented = operations()
      .filter(({ op }) => op.responses["2XX"]?.$ref === "#/components/responses/Success")
      .map(({ name }) => name);
    expect(undocumented).toEqual([]);
  });
});
