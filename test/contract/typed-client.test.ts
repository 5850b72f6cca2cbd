import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import openapiTS from "openapi-typescript";
import { createTestContext, json, type TestContext } from "../support/app";
import { CLIENT_PROGRAM } from "./client-program";

const ROOT = resolve(import.meta.dir, "../..");
const TSC = join(ROOT, "node_modules/.bin/tsc");
const TSCONFIG = {
  compilerOptions: {
    target: "ESNext",
    module: "ESNext",
    moduleResolution: "bundler",
    lib: ["ESNext", "DOM"],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
  files: ["program.ts"],
};

// biome-ignore lint/suspicious/noExplicitAny: the document is edited as plain JSON
type Doc = any;

let t: TestContext;
let spec: Doc;
let dir: string;
beforeAll(async () => {
  t = await createTestContext();
  spec = await json(await t.request("/api/v1/openapi.json"));
  // Inside the repository, so the program resolves openapi-fetch from its node_modules.
  dir = await mkdtemp(join(ROOT, ".tmp/typed-client-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await t.close();
});

/** Generates `api.ts` from `document` with openapi-typescript and compiles the client program against it. */
async function compileClient(document: Doc, name: string) {
  const work = join(dir, name);
  await Bun.write(join(work, "api.ts"), await openapiTS(document));
  await Bun.write(join(work, "program.ts"), CLIENT_PROGRAM);
  await Bun.write(join(work, "tsconfig.json"), JSON.stringify(TSCONFIG));
  const tsc = Bun.spawn([TSC, "--noEmit", "-p", join(work, "tsconfig.json")], { stdout: "pipe", stderr: "pipe" });
  const output = (await new Response(tsc.stdout).text()) + (await new Response(tsc.stderr).text());
  return { exitCode: await tsc.exited, output };
}

describe("a client generated from /api/v1/openapi.json", () => {
  test("compiles, reading clips, pagination, a comment tree, a search response and a family A error", async () => {
    const { exitCode, output } = await compileClient(spec, "served");
    expect(output).toBe("");
    expect(exitCode).toBe(0);
  });

  test("stops compiling when the document loses a field the client reads", async () => {
    for (const [schema, field] of [
      ["Clip", "title"],
      ["FeedPage", "pagination"],
      ["Comment", "replies"],
      ["SearchResults", "counts"],
    ] as const) {
      const copy: Doc = structuredClone(spec);
      const target = copy.components.schemas[schema];
      delete target.properties[field];
      target.required = target.required?.filter((f: string) => f !== field);
      const { exitCode, output } = await compileClient(copy, `without-${schema}-${field}`);
      expect(exitCode, `${schema}.${field}`).not.toBe(0);
      expect(output).toContain(`'${field}'`);
    }
  });
});
