import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { clipSubmissions, clips, outbox, tags } from "../../src/db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { type FakeTwitch, startFakeTwitch } from "../support/fake-twitch";
import { createUser, type TestUser } from "../support/users";
import { GAME, karmaOf, seedSubmissions, send, submit, twitchClip } from "./support";

let t: TestContext;
let fake: FakeTwitch;
let user: TestUser;
let trusted: TestUser;
beforeAll(async () => {
  fake = startFakeTwitch();
  fake.games.set(GAME.id, GAME);
  fake.slowMs = 1_000;
  t = await createTestContext({ ...fake.env, TWITCH_TIMEOUT_MS: "300" });
  user = await createUser(t);
  trusted = await createUser(t, { karma: 1_000 });
});
afterAll(async () => {
  await t.close();
  await fake.stop();
});

async function withTwitchFailure<T>(mode: "error" | "slow", run: () => Promise<T>): Promise<T> {
  fake.failure = mode;
  try {
    return await run();
  } finally {
    fake.failure = "none";
  }
}

describe("GET /submissions/metadata", () => {
  test("returns ClipMetadata with the game name, cached by slug for later calls", async () => {
    const clip = twitchClip(fake);
    const url = encodeURIComponent(`https://www.twitch.tv/${clip.broadcaster_name}/clip/${clip.id}?t=3`);
    const res = await send(t, "GET", `/submissions/metadata?url=${url}`, user);
    expect(res).toEqual({
      status: 200,
      body: {
        success: true,
        data: {
          clip_id: clip.id,
          title: clip.title,
          streamer_name: clip.broadcaster_name,
          game_name: "VALORANT",
          view_count: clip.view_count,
          created_at: clip.created_at,
          thumbnail_url: clip.thumbnail_url,
          duration: clip.duration,
          url: `https://clips.twitch.tv/${clip.id}`,
        },
      },
    });
    const calls = fake.calls.length;
    expect((await send(t, "GET", `/submissions/metadata?url=${clip.id}`, user)).status).toBe(200);
    expect(fake.calls.length).toBe(calls);
  });

  test("400 with field url for a missing or foreign URL, 404 unknown clip, 401 anonymous", async () => {
    for (const query of [
      "",
      "?url=",
      `?url=${encodeURIComponent("http://127.0.0.1/clip/Foo")}`,
      "?url=javascript:alert(1)",
    ]) {
      const res = await send(t, "GET", `/submissions/metadata${query}`, user);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, field: "url", error: expect.any(String) });
    }
    expect((await send(t, "GET", "/submissions/metadata?url=NoSuchClipAnywhere", user)).status).toBe(404);
    expect((await send(t, "GET", "/submissions/metadata?url=Foo", undefined)).status).toBe(401);
  });

  test("502 when Twitch errors or times out", async () => {
    for (const mode of ["error", "slow"] as const) {
      const res = await withTwitchFailure(mode, () =>
        send(t, "GET", `/submissions/metadata?url=Down${mode}Clip`, user),
      );
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ success: false, error: expect.any(String) });
    }
  });
});

describe("GET /submissions/check/:clip_id", () => {
  test("unknown, submitted, scraped and pending clips", async () => {
    expect((await send(t, "GET", "/submissions/check/NeverSeenClip", user)).body).toEqual({
      success: true,
      exists: false,
      can_be_claimed: false,
    });
    const listed = await createClip(t, user.id);
    const res = await send(t, "GET", `/submissions/check/${listed.twitchClipId}`, user);
    expect(res.body).toEqual({
      success: true,
      exists: true,
      can_be_claimed: false,
      clip: {
        id: listed.id,
        title: listed.title,
        broadcaster_name: listed.broadcasterName,
        game_name: listed.gameName,
        view_count: listed.viewCount,
        created_at: listed.createdAt.toISOString(),
      },
    });
    const scraped = await createClip(t, null);
    expect((await send(t, "GET", `/submissions/check/${scraped.twitchClipId}`, user)).body).toMatchObject({
      exists: true,
      can_be_claimed: true,
    });
    const pending = twitchClip(fake);
    expect((await submit(t, await createUser(t), { clip_url: pending.id })).status).toBe(201);
    expect((await send(t, "GET", `/submissions/check/${pending.id}`, user)).body).toEqual({
      success: true,
      exists: true,
      can_be_claimed: false,
    });
  });

  test("400 for a malformed id, 401 anonymous", async () => {
    expect((await send(t, "GET", "/submissions/check/bad%20id", user)).status).toBe(400);
    expect((await send(t, "GET", "/submissions/check/Foo", undefined)).status).toBe(401);
  });
});

describe("POST /submissions", () => {
  test("a regular user's submission waits for review and creates no clip", async () => {
    const clip = twitchClip(fake);
    const res = await submit(t, user, {
      clip_url: `https://clips.twitch.tv/${clip.id}`,
      custom_title: "  My title  ",
      tags: ["Funny", "funny", " clutch-play "],
      submission_reason: "",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ success: true, message: "Clip submitted for review" });
    expect(res.body.submission).toMatchObject({
      user_id: user.id,
      clip_id: null,
      twitch_clip_id: clip.id,
      twitch_clip_url: `https://clips.twitch.tv/${clip.id}`,
      title: clip.title,
      custom_title: "My title",
      tags: ["funny", "clutch-play"],
      is_nsfw: false,
      submission_reason: null,
      status: "pending",
      broadcaster_name: clip.broadcaster_name,
      game_name: "VALORANT",
      duration: clip.duration,
      view_count: clip.view_count,
    });
    expect(await t.deps.db.select().from(clips).where(eq(clips.twitchClipId, clip.id))).toEqual([]);
  });

  test("high-karma users are auto-approved: clip, tags, karma and outbox in one go", async () => {
    const clip = twitchClip(fake);
    const tagSlug = `tag-${clip.id.slice(3, 11).toLowerCase()}`;
    const before = await karmaOf(t, trusted.id);
    const res = await submit(t, trusted, {
      clip_url: clip.url,
      custom_title: "Custom headline",
      broadcaster_name_override: "Other_Name",
      tags: [tagSlug],
      is_nsfw: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe("Clip submitted and auto-approved!");
    const clipId = res.body.submission.clip_id;
    expect(res.body.submission).toMatchObject({ status: "approved", reviewed_by: trusted.id });
    const detail = await send(t, "GET", `/clips/${clip.id}`, undefined);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({
      id: clipId,
      twitch_clip_id: clip.id,
      twitch_clip_url: `https://clips.twitch.tv/${clip.id}`,
      embed_url: `https://clips.twitch.tv/embed?clip=${clip.id}`,
      title: "Custom headline",
      broadcaster_name: "Other_Name",
      creator_name: clip.creator_name,
      game_name: "VALORANT",
      is_nsfw: true,
    });
    expect(detail.body.data.submitted_by).toMatchObject({ id: trusted.id });
    const [tag] = await t.deps.db.select().from(tags).where(eq(tags.slug, tagSlug));
    expect(tag?.usageCount).toBe(1);
    expect(await karmaOf(t, trusted.id)).toEqual({ points: before.points + 10, ledger: before.points + 10 });
    const events = await t.deps.db.select().from(outbox).where(eq(outbox.aggregateId, clipId));
    expect(events.length).toBeGreaterThan(0);
  });

  test("moderators are auto-approved; claiming a scraped clip is too", async () => {
    const moderator = await createUser(t, { role: "moderator", karma: 0 });
    const res = await submit(t, moderator, { clip_url: twitchClip(fake).id });
    expect(res.body.message).toBe("Clip submitted and auto-approved!");

    const scraped = await createClip(t, null);
    twitchClip(fake, { id: scraped.twitchClipId });
    const claim = await submit(t, user, { clip_url: scraped.twitchClipUrl });
    expect(claim.status).toBe(201);
    expect(claim.body.submission).toMatchObject({ status: "approved", clip_id: scraped.id });
    const [row] = await t.deps.db.select().from(clips).where(eq(clips.id, scraped.id));
    expect(row?.submittedByUserId).toBe(user.id);
  });

  test.each([
    [{}, "clip_url"],
    [{ clip_url: "x".repeat(501) }, "clip_url"],
    [{ clip_url: "Foo", custom_title: "ab" }, "custom_title"],
    [{ clip_url: "Foo", custom_title: "x".repeat(201) }, "custom_title"],
    [{ clip_url: "Foo", broadcaster_name_override: "bad name" }, "broadcaster_name_override"],
    [{ clip_url: "Foo", broadcaster_name_override: "a" }, "broadcaster_name_override"],
    [{ clip_url: "Foo", tags: Array.from({ length: 11 }, (_, i) => `tag-${i}`) }, "tags"],
    [{ clip_url: "Foo", tags: ["bad_tag"] }, "tags"],
    [{ clip_url: "Foo", tags: ["a"] }, "tags"],
    [{ clip_url: "Foo", submission_reason: "x".repeat(1001) }, "submission_reason"],
    [{ clip_url: "Foo", is_nsfw: "yes" }, "is_nsfw"],
  ])("400 for invalid input %#", async (body, field) => {
    const res = await send(t, "POST", "/submissions", user, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, field, error: expect.any(String) });
  });

  test("400 for a URL that is not a Twitch clip", async () => {
    for (const clip_url of ["https://evil.example/clip/Foo", "javascript:alert(1)", "http://10.0.0.1/x"]) {
      const res = await submit(t, user, { clip_url });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ field: "clip_url", error: expect.stringContaining("Invalid Twitch clip URL") });
    }
  });

  test("401 anonymous, 403 banned, 400 karma below the threshold", async () => {
    expect((await send(t, "POST", "/submissions", undefined, { clip_url: "Foo" })).status).toBe(401);
    expect((await submit(t, await createUser(t, { banned: true }), { clip_url: "Foo" })).status).toBe(403);
    const poor = await submit(t, await createUser(t, { karma: 50 }), { clip_url: twitchClip(fake).id });
    expect(poor.status).toBe(400);
    expect(poor.body).toMatchObject({ field: "karma", error: "You need at least 100 karma points to submit clips." });
  });

  test("429 with limit, window and retry_after after 10 an hour or 20 a day; admins are exempt", async () => {
    const hourly = await createUser(t);
    await seedSubmissions(t, hourly.id, 10);
    const now = Math.floor(Date.now() / 1000);
    const res = await submit(t, hourly, { clip_url: twitchClip(fake).id });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ error: "rate_limit_exceeded", limit: 10, window: 3600 });
    expect(res.body.retry_after).toBeGreaterThanOrEqual(now + 3590);
    expect(res.body.retry_after).toBeLessThanOrEqual(now + 3602);

    const daily = await createUser(t);
    await seedSubmissions(t, daily.id, 20, new Date(Date.now() - 2 * 3_600_000));
    const day = await submit(t, daily, { clip_url: twitchClip(fake).id });
    expect(day.status).toBe(429);
    expect(day.body).toMatchObject({ error: "rate_limit_exceeded", limit: 20, window: 86400 });
    expect(day.body.retry_after).toBeGreaterThan(now + 79_000);

    const admin = await createUser(t, { role: "admin" });
    await seedSubmissions(t, admin.id, 20);
    expect((await submit(t, admin, { clip_url: twitchClip(fake).id })).status).toBe(201);
  });

  test("404 when Twitch does not know the clip, 502 when Twitch is down or slow", async () => {
    const missing = await submit(t, user, { clip_url: "https://clips.twitch.tv/GoneForeverClip" });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain("not found on Twitch");
    for (const mode of ["error", "slow"] as const) {
      const clip = twitchClip(fake);
      const res = await withTwitchFailure(mode, () => submit(t, user, { clip_url: clip.id }));
      expect(res.status).toBe(502);
      expect(res.body).toMatchObject({ success: false, error: expect.any(String) });
    }
  });

  test("400 for clips older than 6 months or shorter than 5 seconds", async () => {
    const old = twitchClip(fake, { created_at: new Date(Date.now() - 200 * 86_400_000).toISOString() });
    const tooOld = await submit(t, user, { clip_url: old.id });
    expect(tooOld.status).toBe(400);
    expect(tooOld.body).toMatchObject({ field: "clip", error: expect.stringContaining("too old") });
    const short = await submit(t, user, { clip_url: twitchClip(fake, { duration: 4.2 }).id });
    expect(short.status).toBe(400);
    expect(short.body.error).toContain("too short (4.2 seconds)");
  });

  test("409 with 'already' for a clip in the database, pending, approved or recently rejected", async () => {
    const listed = await createClip(t, user.id);
    const inDb = await submit(t, user, { clip_url: listed.twitchClipUrl });
    expect(inDb.status).toBe(409);
    expect(inDb.body).toMatchObject({ success: false, clip_id: listed.id, error: expect.stringContaining("already") });

    const pending = twitchClip(fake);
    expect((await submit(t, await createUser(t), { clip_url: pending.id })).status).toBe(201);
    const again = await submit(t, user, { clip_url: pending.url });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already.*pending/);

    const approved = twitchClip(fake);
    const first = await submit(t, trusted, { clip_url: approved.id });
    const dup = await submit(t, user, { clip_url: approved.id });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      clip_id: first.body.submission.clip_id,
      error: expect.stringContaining("already"),
    });

    const rejected = twitchClip(fake);
    const owner = await createUser(t);
    const sub = await submit(t, owner, { clip_url: rejected.id });
    await t.deps.db
      .update(clipSubmissions)
      .set({ status: "rejected", reviewedAt: new Date() })
      .where(eq(clipSubmissions.id, sub.body.submission.id));
    const retry = await submit(t, user, { clip_url: rejected.id });
    expect(retry.status).toBe(409);
    expect(retry.body.error).toMatch(/already.*submitted/);
  });

  test("concurrent submissions of one clip: one 201, the other 409 (never a 500)", async () => {
    const clip = twitchClip(fake);
    const [a, b] = [await createUser(t), await createUser(t)];
    const results = await Promise.all([submit(t, a, { clip_url: clip.id }), submit(t, b, { clip_url: clip.id })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.error).toContain("already");
  });
});

describe("GET /submissions and /submissions/stats", () => {
  test("lists the caller's own submissions, newest first, with stats", async () => {
    const me = await createUser(t);
    const ids = [twitchClip(fake).id, twitchClip(fake).id, twitchClip(fake).id];
    for (const id of ids) expect((await submit(t, me, { clip_url: id })).status).toBe(201);
    const page = await send(t, "GET", "/submissions?page=1&limit=2", me);
    expect(page.status).toBe(200);
    expect(page.body.data.map((s: { twitch_clip_id: string }) => s.twitch_clip_id)).toEqual([ids[2], ids[1]]);
    expect(page.body.meta).toMatchObject({ page: 1, limit: 2, total: 3, total_pages: 2 });
    expect((await send(t, "GET", "/submissions?limit=5000&page=-3", me)).body.meta).toMatchObject({
      page: 1,
      limit: 100,
    });

    await t.deps.db
      .update(clipSubmissions)
      .set({ status: "rejected" })
      .where(eq(clipSubmissions.twitchClipId, ids[0]!));
    const stats = await send(t, "GET", "/submissions/stats", me);
    expect(stats.body).toEqual({
      success: true,
      data: {
        user_id: me.id,
        total_submissions: 3,
        approved_count: 0,
        rejected_count: 1,
        pending_count: 2,
        approval_rate: 0,
      },
    });
  });

  test("401 anonymous", async () => {
    expect((await send(t, "GET", "/submissions", undefined)).status).toBe(401);
    expect((await send(t, "GET", "/submissions/stats", undefined)).status).toBe(401);
  });
});
