import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { apiCall } from "../support/api";
import { createTestContext, type TestContext } from "../support/app";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const newPlaylist = async (owner: TestUser, visibility: string) =>
  (await apiCall(t, "POST", "/playlists", owner, { title: "Liked", visibility })).body.data.id as string;
const detail = async (id: string, viewer?: TestUser) => (await apiCall(t, "GET", `/playlists/${id}`, viewer)).body.data;

describe.each([
  ["like", "is_liked", "like_count"],
  ["bookmark", "is_bookmarked", "bookmark_count"],
] as const)("playlist %s", (kind, flag, counter) => {
  test("is idempotent both ways and shows in the viewer's state", async () => {
    const [owner, fan] = [await createUser(t), await createUser(t)];
    const id = await newPlaylist(owner, "public");
    const first = await apiCall(t, "POST", `/playlists/${id}/${kind}`, fan);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ [flag]: true, [counter]: 1 });
    expect((await apiCall(t, "POST", `/playlists/${id}/${kind}`, fan)).body.data[counter]).toBe(1);
    expect(await detail(id, fan)).toMatchObject({ [flag]: true, [counter]: 1 });
    expect(await detail(id, owner)).toMatchObject({ [flag]: false, [counter]: 1 });
    expect(await detail(id)).toMatchObject({ [flag]: false });

    const undone = await apiCall(t, "DELETE", `/playlists/${id}/${kind}`, fan);
    expect(undone.body.data).toMatchObject({ [flag]: false, [counter]: 0 });
    expect((await apiCall(t, "DELETE", `/playlists/${id}/${kind}`, fan)).body.data[counter]).toBe(0);
    expect((await detail(id))[counter]).toBe(0);
  });

  test("counts stay exact under concurrent requests", async () => {
    const owner = await createUser(t);
    const id = await newPlaylist(owner, "unlisted");
    const fans = await Promise.all(Array.from({ length: 8 }, () => createUser(t)));
    await Promise.all(fans.flatMap((fan) => [1, 2, 3].map(() => apiCall(t, "POST", `/playlists/${id}/${kind}`, fan))));
    expect((await detail(id))[counter]).toBe(8);
    await Promise.all(
      fans.slice(0, 5).flatMap((fan) => [1, 2].map(() => apiCall(t, "DELETE", `/playlists/${id}/${kind}`, fan))),
    );
    expect((await detail(id))[counter]).toBe(3);
  });

  test("a private playlist is 404 to others, its owner may still react; anonymous is 401", async () => {
    const [owner, other] = [await createUser(t), await createUser(t)];
    const id = await newPlaylist(owner, "private");
    expect((await apiCall(t, "POST", `/playlists/${id}/${kind}`, other)).status).toBe(404);
    expect((await apiCall(t, "DELETE", `/playlists/${id}/${kind}`, other)).status).toBe(404);
    expect((await apiCall(t, "POST", `/playlists/${id}/${kind}`)).status).toBe(401);
    expect((await apiCall(t, "POST", `/playlists/${crypto.randomUUID()}/${kind}`, other)).status).toBe(404);
    expect((await apiCall(t, "POST", `/playlists/${id}/${kind}`, owner)).body.data[counter]).toBe(1);
  });

  test("does not move the playlist up its owner's list (not an edit)", async () => {
    const [owner, fan] = [await createUser(t), await createUser(t)];
    const older = await newPlaylist(owner, "public");
    const newer = await newPlaylist(owner, "public");
    await apiCall(t, "POST", `/playlists/${older}/${kind}`, fan);
    const mine = (await apiCall(t, "GET", "/playlists", owner)).body.data.map((p: { id: string }) => p.id);
    expect(mine).toEqual([newer, older]);
  });
});
