import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { users } from "../../src/db/schema";
import { apiCall } from "../support/api";
import { createTestContext, json, type TestContext } from "../support/app";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 120_000);
afterAll(() => t.close());

const twitchId = () => String(700_000_000 + Math.floor(Math.random() * 99_999_999));

describe("GET /users/by-username/<numeric Twitch id> (the clip page's 'Clipped by' link)", () => {
  test("finds the member who signed in with that Twitch account, on both paths the client uses", async () => {
    const clipper = await createUser(t);
    const id = twitchId();
    await t.deps.db.update(users).set({ twitchId: id }).where(eq(users.id, clipper.id));
    const res = await apiCall(t, "GET", `/users/by-username/${id}?full=true`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: clipper.id, username: clipper.username, stats: expect.any(Object) });
    const doubled = await t.request(`/api/v1/api/v1/users/by-username/${id}?full=true`);
    expect((await json(doubled)).data.id).toBe(clipper.id);
  });

  test("a username wins over a Twitch id; an unknown id is still a 404", async () => {
    const id = twitchId();
    const numeric = await createUser(t, { username: id });
    const other = await createUser(t);
    await t.deps.db.update(users).set({ twitchId: id }).where(eq(users.id, other.id));
    expect((await apiCall(t, "GET", `/users/by-username/${id}`)).body.data.id).toBe(numeric.id);
    expect((await apiCall(t, "GET", `/users/by-username/${twitchId()}9`)).status).toBe(404);
  });
});
