import { afterAll, beforeAll, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { clipSubmissions } from "../../src/db/schema";
import { createTestContext, json, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** mulberry32: the sequence is the same on every run, so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

async function call(method: string, path: string, user: TestUser, body?: unknown) {
  const res = await t.request(`/api/v1${path}`, {
    method,
    headers: user.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 500) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(await json(res))}`);
  return res;
}

async function pendingSubmission(userId: string) {
  const slug = `Karma${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const [row] = await t.deps.db
    .insert(clipSubmissions)
    .values({
      userId,
      twitchClipId: slug,
      twitchClipUrl: `https://clips.twitch.tv/${slug}`,
      title: `Pending ${slug}`,
      broadcasterName: "ledger_streamer",
      duration: 20,
      clipCreatedAt: new Date(Date.now() - 86_400_000),
    })
    .returning({ id: clipSubmissions.id });
  return row!.id;
}

test("karma_points equals the ledger after random votes, flips, comments, deletions, approvals and rejections", async () => {
  const random = prng(20261124);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const mod = await createUser(t, { role: "moderator" });
  const people = await Promise.all(Array.from({ length: 6 }, () => createUser(t)));
  const clipIds = await Promise.all(people.slice(0, 3).map(async (p) => (await createClip(t, p.id)).id));
  const commentIds: string[] = [];

  for (let step = 0; step < 150; step++) {
    const actor = pick(people);
    const roll = random();
    if (roll < 0.3) {
      await call("POST", `/clips/${pick(clipIds)}/vote`, actor, { vote: pick([1, -1, 0]) });
    } else if (roll < 0.45) {
      const res = await call("POST", `/clips/${pick(clipIds)}/comments`, actor, { content: `step ${step}` });
      if (res.status === 201) commentIds.push((await json(res)).id);
    } else if (roll < 0.7 && commentIds.length) {
      await call("POST", `/comments/${pick(commentIds)}/vote`, actor, { vote: pick([1, -1, 0]) });
    } else if (roll < 0.8 && commentIds.length) {
      const id = pick(commentIds);
      await call("DELETE", `/comments/${id}`, random() < 0.5 ? actor : mod);
    } else {
      const submissionId = await pendingSubmission(actor.id);
      const approve = random() < 0.5;
      const res = await call(
        "POST",
        `/admin/submissions/${submissionId}/${approve ? "approve" : "reject"}`,
        mod,
        approve ? undefined : { reason: "Low quality" },
      );
      expect(res.status).toBe(200);
      if (approve) {
        const [clip] = await queryRows<{ id: string }>(
          t.deps.db,
          sql`select clip_id as id from clip_submissions where id = ${submissionId}`,
        );
        clipIds.push(clip!.id);
      }
    }
  }

  const drift = await queryRows<{ id: string; points: number; ledger: number }>(
    t.deps.db,
    sql`select u.id, u.karma_points as points, coalesce(sum(k.amount), 0)::int as ledger
        from users u left join karma_history k on k.user_id = u.id
        group by u.id having u.karma_points <> coalesce(sum(k.amount), 0)`,
  );
  expect(drift).toEqual([]);
  const sources = await queryRows<{ source: string }>(t.deps.db, sql`select distinct source from karma_history`);
  expect(sources.map((s) => s.source).sort()).toEqual(
    expect.arrayContaining(["clip_vote", "comment", "comment_vote", "submission_approved", "submission_rejected"]),
  );
});
