import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { queryRows } from "../../src/db/client";
import { clips } from "../../src/db/schema";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser, type TestUser } from "../support/users";
import { commentApi } from "./support";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Deterministic LCG so a failure replays. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (s >>> 12) % n;
  };
}

test("random votes, flips, removals and deletions keep vote_score and karma exact", async () => {
  const api = commentApi(t);
  const users: TestUser[] = await Promise.all([
    createUser(t),
    createUser(t),
    createUser(t),
    createUser(t),
    createUser(t, { role: "moderator" }),
  ]);
  const clip = await createClip(t, users[0]!.id);
  const pick = rng(20_261_124);
  const model = new Map<string, { author: TestUser; votes: Map<string, number>; removed: boolean }>();
  const expectedKarma = new Map(users.map((u) => [u.id, 100]));
  const bump = (id: string, amount: number) => expectedKarma.set(id, expectedKarma.get(id)! + amount);

  for (let step = 0; step < 160; step++) {
    const user = users[pick(users.length)]!;
    const ids = [...model.keys()];
    const op = ids.length < 3 ? 0 : pick(10);
    if (op === 0) {
      const parent = ids.length && pick(2) ? ids[pick(ids.length)] : undefined;
      const res = await api.post(clip.id, user, `step ${step}`, parent);
      if (parent && model.get(parent)!.removed) {
        expect(res.status).toBe(400);
        continue;
      }
      expect(res.status).toBe(201);
      model.set(res.body.id, { author: user, votes: new Map([[user.id, 1]]), removed: false });
      bump(user.id, 1);
      continue;
    }
    const id = ids[pick(ids.length)]!;
    const comment = model.get(id)!;
    if (op === 9) {
      const res = await api.remove(id, user);
      const allowed = user === comment.author || user.role === "moderator";
      expect(res.status).toBe(!allowed ? 403 : comment.removed ? 400 : 200);
      if (res.status === 200) {
        comment.removed = true;
        if (user === comment.author) bump(user.id, -1);
      }
      continue;
    }
    const vote = pick(3) - 1;
    const res = await api.vote(id, user, vote);
    expect(res.status).toBe(comment.removed ? 400 : 200);
    if (comment.removed) continue;
    const from = comment.votes.get(user.id) ?? 0;
    comment.votes.set(user.id, vote);
    if (user !== comment.author) bump(comment.author.id, vote - from);
  }

  expect([...model.values()].filter((c) => c.removed).length).toBeGreaterThan(0);
  const rows = await queryRows<{ id: string; vote_score: number; up: number; down: number; actual: number }>(
    t.deps.db,
    sql`select c.id, c.vote_score, c.upvote_count as up, c.downvote_count as down,
          coalesce((select sum(v.vote_type) from comment_votes v where v.comment_id = c.id), 0)::int as actual
        from comments c where c.clip_id = ${clip.id}`,
  );
  expect(rows).toHaveLength(model.size);
  for (const r of rows) {
    const votes = [...model.get(r.id)!.votes.values()];
    expect(r.vote_score).toBe(r.actual);
    expect(r.vote_score).toBe(votes.reduce((a, b) => a + b, 0));
    expect(r.up).toBe(votes.filter((v) => v === 1).length);
    expect(r.down).toBe(votes.filter((v) => v === -1).length);
  }

  const ledger = await queryRows<{ id: string; points: number; total: number }>(
    t.deps.db,
    sql`select u.id, u.karma_points as points,
          (select coalesce(sum(k.amount), 0)::int from karma_history k where k.user_id = u.id) as total
        from users u where u.id in ${users.map((u) => u.id)}`,
  );
  for (const u of ledger) {
    expect(u.points).toBe(u.total);
    expect(u.points).toBe(expectedKarma.get(u.id)!);
  }
  const [count] = await t.deps.db.select({ n: clips.commentCount }).from(clips).where(eq(clips.id, clip.id));
  expect(count!.n).toBe([...model.values()].filter((c) => !c.removed).length);
});
