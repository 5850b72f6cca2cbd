import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { responseViolation } from "../support/response-check";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

// Schemathesis: the document promised a JSON object for every 2XX while POST /watch-history answered a bodiless 204.
// It now stores progress and answers 200 JSON (contract §2.10), so the document must promise exactly that.
describe("fuzz regression: the documented success body is the one sent", () => {
  test("POST /watch-history documents its 200 JSON body, no 204, and answers with it", async () => {
    const spec = await json(await t.request("/api/v1/openapi.json"));
    const responses = spec.paths["/api/v1/watch-history"].post.responses;
    expect(Object.keys(responses).filter((status) => status.startsWith("2"))).toEqual(["200"]);
    expect(responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/ProgressRecorded",
    });
    expect(spec.components.schemas.ProgressRecorded.required).toEqual(["status", "completed", "progress_percent"]);

    const user = await createUser(t);
    const clip = await createClip(t, null);
    const body = { clip_id: clip.id, progress_seconds: 15, duration_seconds: 30 };
    const res = await t.request("/api/v1/watch-history", {
      method: "POST",
      headers: { ...user.headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("application/json");
    expect(await res.json()).toEqual({ status: "recorded", completed: false, progress_percent: 50 });
  });

  test("the suite's response check refuses the old bodiless 204 and accepts the JSON answer", async () => {
    const request = new Request("http://localhost/api/v1/watch-history", { method: "POST" });
    expect(await responseViolation(t.app, request, new Response(null, { status: 204 }))).toBe(
      "POST /api/v1/watch-history → 204: POST /api/v1/watch-history documents 200 only",
    );
    const sent = Response.json({ status: "recorded", completed: true, progress_percent: 100 });
    expect(await responseViolation(t.app, request, sent)).toBeUndefined();
    const wrong = Response.json({ status: "recorded" });
    expect(await responseViolation(t.app, request, wrong)).toStartWith(
      "POST /api/v1/watch-history → 200: body does not match",
    );
  });
});
