import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Hono } from "hono";
import { z } from "zod";
import { returns, wireSchema } from "../../src/http/openapi/registry";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { checkResponses } from "../support/response-check";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("HTTP error conventions", () => {
  test("a method the path does not answer is 405 with Allow; an unknown path stays 404", async () => {
    const res = await t.request("/api/v1/feeds/clips", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(await json(res)).toMatchObject({ success: false, code: "METHOD_NOT_ALLOWED" });

    const comments = await t.request("/api/v1/clips/5b0c1c8e-9a6f-4a8e-8a55-0e1b4f1f2a10/comments", {
      method: "PATCH",
    });
    expect(comments.status).toBe(405);
    expect(comments.headers.get("allow")).toBe("GET, POST, HEAD");

    expect((await t.request("/api/v1/no-such-thing", { method: "DELETE" })).status).toBe(404);
  });

  test("every error body carries the request id it was sent with", async () => {
    const res = await t.request("/api/v1/clips/not-a-clip!");
    const body = await json(res);
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
    expect(body.request_id).toBeString();
    const plain = await t.request("/api/v1/auth/me", { headers: { "X-Request-Id": "trace-me-42" } });
    expect((await json(plain)).request_id).toBe("trace-me-42");
  });

  test("a body that is not JSON is 415 (it was read as {}); an empty body still reads as {}", async () => {
    const user = await createUser(t);
    const clip = await createClip(t, user.id);
    const Authorization = `Bearer ${user.token}`;
    const url = `/api/v1/clips/${clip.id}/comments`;
    const text = await t.request(url, { method: "POST", headers: { Authorization }, body: "content=hello" });
    expect(text.status).toBe(415);
    expect(await json(text)).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    const empty = await t.request(url, { method: "POST", headers: { Authorization } });
    expect(empty.status).toBe(400);
    const ok = await t.request(url, { method: "POST", headers: user.headers, body: JSON.stringify({ content: "hi" }) });
    expect(ok.status).toBe(201);
  });
});

describe("the suite's response check", () => {
  const Widget = wireSchema("TestWidget", z.strictObject({ name: z.string() }));
  const Lines = wireSchema("TestLines", z.string().startsWith("# "));
  const text = returns(Lines, 200, { mediaType: "text/plain; version=0.0.4" });
  const app = checkResponses(
    new Hono()
      .get("/widget", returns(Widget), (c) => c.json({ name: "w" }))
      .get("/drifted", returns(Widget), (c) => c.json({ name: "w", extra: 1 }))
      .post("/created", returns(Widget), (c) => c.json({ name: "w" }, 201))
      .get("/undocumented", (c) => c.json({ anything: true }))
      .get("/text", text, (c) => c.body("# x\n", 200, { "content-type": "text/plain; charset=utf-8; version=0.0.4" }))
      .get("/text-as-json", text, (c) => c.json("# x"))
      .get("/text-drifted", text, (c) => c.body("x", 200, { "content-type": "text/plain; version=0.0.4" }))
      .get("/not-ready", returns(Widget, 503), (c) => c.json({ name: "down" }, 503))
      .get("/not-ready-drifted", returns(Widget, 503), (c) => c.json({ down: true }, 503))
      .get("/unavailable", returns(Widget), (c) => c.json({ name: "down" }, 503)),
  );

  test("passes conforming and undocumented responses, fails a drifted body or an undocumented status", async () => {
    expect((await app.request("/widget")).status).toBe(200);
    expect((await app.request("/undocumented")).status).toBe(200);
    await expect(app.request("/drifted")).rejects.toThrow(/does not match GET \/drifted's schema/);
    await expect(app.request("/created", { method: "POST" })).rejects.toThrow(/documents 200 only/);
  });

  test("checks a text body by its media type, without reading it as JSON", async () => {
    expect(await (await app.request("/text")).text()).toBe("# x\n");
    await expect(app.request("/text-as-json")).rejects.toThrow(/documented as text\/plain; version=0.0.4, sent/);
    await expect(app.request("/text-drifted")).rejects.toThrow(/does not match GET \/text-drifted's schema/);
  });

  test("an error status the route declared a body for is checked against that body, any other against the envelopes", async () => {
    expect((await app.request("/not-ready")).status).toBe(503);
    await expect(app.request("/not-ready-drifted")).rejects.toThrow(/does not match GET \/not-ready-drifted's schema/);
    await expect(app.request("/unavailable")).rejects.toThrow(/fits neither envelope/);
  });
});
