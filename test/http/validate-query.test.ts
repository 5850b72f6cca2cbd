import { describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../src/http/env";
import { createErrorHandler } from "../../src/http/errors";
import { validate } from "../../src/http/validate";
import { silentLogger } from "../support/jobs";

/** A query schema that counts its parses, behind validate("query") on a tiny app. */
function appWithCountingSchema() {
  const parses = { n: 0 };
  const Query = z
    .object({ limit: z.coerce.number().int().min(1).max(50).default(10), tag: z.array(z.string()).or(z.string()) })
    .transform((q) => {
      parses.n += 1;
      return { ...q, tags: [q.tag].flat() };
    });
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(silentLogger));
  app.get("/q", validate("query", Query), (c) => {
    const q = c.req.valid("query");
    let mutable = true;
    try {
      q.tags.push("x");
    } catch {
      mutable = false;
    }
    return c.json({ ...q, mutable });
  });
  return { app, parses };
}

describe("validate('query')", () => {
  test("a query string is parsed once; the same string again reuses the result, another is parsed", async () => {
    const { app, parses } = appWithCountingSchema();
    const first = await app.request("/q?tag=a&tag=b&limit=5");
    expect(await first.json()).toEqual({ limit: 5, tag: ["a", "b"], tags: ["a", "b"], mutable: false });
    const again = await app.request("/q?tag=a&tag=b&limit=5");
    expect(await again.json()).toEqual({ limit: 5, tag: ["a", "b"], tags: ["a", "b"], mutable: false });
    expect(parses.n).toBe(1);
    expect((await app.request("/q?tag=c")).status).toBe(200);
    expect(parses.n).toBe(2);
  });

  test("an invalid query is a 400 every time and never remembered", async () => {
    const { app } = appWithCountingSchema();
    for (let i = 0; i < 2; i++) {
      const res = await app.request("/q?tag=a&limit=500");
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("VALIDATION_ERROR");
    }
  });
});
