import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

// A clip the caller may not see must be indistinguishable from one that does not exist: same status, same body, on
// every route that goes through a clip. Anything else tells a stranger the hidden clip is there.
let t: TestContext;
let owner: TestUser;
let stranger: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  owner = await createUser(t);
  stranger = await createUser(t);
  moderator = await createUser(t, { role: "moderator" });
});
afterAll(() => t.close());

const call = (method: string, path: string, user?: TestUser, body?: unknown) => apiCall(t, method, path, user, body);

/** Each route through a clip, as the caller would send it. */
const routes: [string, (clipId: string) => string, unknown?][] = [
  ["GET", (id) => `/clips/${id}`],
  ["GET", (id) => `/clips/${id}/related`],
  ["GET", (id) => `/clips/${id}/comments`],
  ["GET", (id) => `/clips/${id}/tags`],
  ["POST", (id) => `/clips/${id}/comments`, { content: "hello there" }],
  ["POST", (id) => `/clips/${id}/favorite`],
  ["POST", (id) => `/clips/${id}/vote`, { vote: 1 }],
  ["POST", (id) => `/clips/${id}/tags`, { tag_slugs: ["clutch"] }],
  ["DELETE", (id) => `/clips/${id}/tags/clutch`],
];

async function expectAnswersLikeMissing(clipId: string, user: TestUser | undefined) {
  for (const [method, path, body] of routes) {
    if (method !== "GET" && !user) continue;
    const missing = await call(method, path(randomUUID()), user, body);
    const actual = await call(method, path(clipId), user, body);
    // Each answer names its own request id; everything else must match.
    expect({
      route: `${method} ${path(":id")}`,
      status: actual.status,
      body: { ...actual.body, request_id: 0 },
    }).toEqual({
      route: `${method} ${path(":id")}`,
      status: missing.status,
      body: { ...missing.body, request_id: 0 },
    });
    // A clip's tags are a 200 with none for a missing clip (the SPA asks once per card), so for this one too.
    if (!path("x").endsWith("/tags")) expect(actual.status).toBe(404);
  }
}

describe("a clip the caller may not see answers exactly like a missing one", () => {
  test("another user's hidden clip, to anonymous callers and to other users", async () => {
    const clip = await createClip(t, owner.id, { isHidden: true });
    await expectAnswersLikeMissing(clip.id, undefined);
    await expectAnswersLikeMissing(clip.id, stranger);
  });

  test("a removed clip, even to its submitter and moderators", async () => {
    const clip = await createClip(t, owner.id, { isRemoved: true });
    await expectAnswersLikeMissing(clip.id, owner);
    await expectAnswersLikeMissing(clip.id, moderator);
  });

  test("a clip hidden after its page and comments were served (and cached) stops answering at once", async () => {
    const clip = await createClip(t, owner.id);
    for (const user of [undefined, stranger]) {
      expect((await call("GET", `/clips/${clip.id}`, user)).status).toBe(200);
      expect((await call("GET", `/clips/${clip.id}/comments`, user)).status).toBe(200);
    }
    expect((await call("PUT", `/clips/${clip.id}/visibility`, owner, { is_hidden: true })).status).toBe(200);
    await expectAnswersLikeMissing(clip.id, undefined);
    await expectAnswersLikeMissing(clip.id, stranger);
    expect((await call("GET", `/clips/${clip.id}/comments`, owner)).status).toBe(200);
  });
});

describe("GET /favorites follows the same rule", () => {
  test("a favourite hidden later leaves a stranger's list, stays in a moderator's; a removed one leaves both", async () => {
    const [hidden, removed] = [await createClip(t, owner.id), await createClip(t, owner.id)];
    for (const user of [stranger, moderator, owner])
      for (const clip of [hidden, removed])
        expect((await call("POST", `/clips/${clip.id}/favorite`, user)).status).toBe(200);
    expect((await call("PUT", `/clips/${hidden.id}/visibility`, owner, { is_hidden: true })).status).toBe(200);
    const admin = await createUser(t, { role: "admin" });
    expect((await call("DELETE", `/clips/${removed.id}`, admin)).status).toBe(200);
    const listed = async (user: TestUser) => {
      const res = await call("GET", "/favorites?limit=100", user);
      expect(res.status).toBe(200);
      const ids = res.body.data.map((c: { id: string }) => c.id);
      return [hidden.id, removed.id].filter((id) => ids.includes(id));
    };
    expect(await listed(stranger)).toEqual([]);
    expect(await listed(moderator)).toEqual([hidden.id]);
    expect(await listed(owner)).toEqual([hidden.id]);
  });
});
