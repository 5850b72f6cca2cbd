import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { queryRows } from "../../src/db/client";
import { writeOutbox } from "../../src/modules/outbox/repo";
import { json, TEST_JWT_SECRET, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";
import { type Cluster, startCluster, withPath } from "./cluster";

/**
 * Two API processes and two worker processes over one PostgreSQL and one Redis, behind a round-robin proxy: whatever a
 * client does through one instance holds on the other (sessions, rate limits, cache invalidation), and the workers
 * share the queues without processing a job twice. BullMQ's key prefix is fixed, so the Redis database is this file's.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL && withPath(process.env.TEST_REDIS_URL, "/13");

const cookiesOf = (res: Response) =>
  Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(";")[0]!.split("=") as [string, string]));
const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

describe.skipIf(!databaseUrl || !redisUrl)(
  "two API instances and two workers (TEST_DATABASE_URL, TEST_REDIS_URL)",
  () => {
    let cluster: Cluster;
    let seed: TestContext;
    const at = (base: string, path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
    const upvote = (base: string, clipId: string, headers: Record<string, string>) =>
      at(base, `/clips/${clipId}/vote`, { method: "POST", headers, body: JSON.stringify({ vote: 1 }) });

    beforeAll(async () => {
      cluster = await startCluster({ databaseUrl: databaseUrl!, redisUrl: redisUrl!, apis: 2, workers: 2 });
      // The seeding helpers only need the database and the shared JWT secret.
      const deps = { db: cluster.database.db, config: { auth: { jwtSecret: TEST_JWT_SECRET } } };
      seed = { deps } as unknown as TestContext;
    });
    afterAll(async () => {
      await cluster?.stop();
    });

    test("a session started on one instance works on both; refresh rotates across them", async () => {
      const user = await createUser(seed);
      const login = await at(cluster.url, "/auth/test-login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: user.id }),
      });
      expect(login.status).toBe(200);
      const tokens = await json(login);
      const jar = cookiesOf(login);
      expect(jar.access_token).toBeString();

      for (const base of cluster.apiUrls) {
        const byCookie = await at(base, "/auth/me", { headers: { cookie: cookieHeader(jar) } });
        expect(byCookie.status).toBe(200);
        expect((await json(byCookie)).id).toBe(user.id);
        const byBearer = await at(base, "/auth/me", { headers: { authorization: `Bearer ${tokens.access_token}` } });
        expect(byBearer.status).toBe(200);
      }

      // Rotate on instance 0, then 1; the first token is spent on both (replaying it revokes the family).
      const [a, b] = cluster.apiUrls as [string, string];
      const refresh = (base: string, token: string) =>
        at(base, "/auth/refresh", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ refresh_token: token }),
        });
      const first = await refresh(a, tokens.refresh_token);
      expect(first.status).toBe(200);
      const rotated = await json(first);
      expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
      const second = await refresh(b, rotated.refresh_token);
      expect(second.status).toBe(200);
      expect((await refresh(b, tokens.refresh_token)).status).toBe(401);
    });

    test("a CSRF token minted by one instance is accepted by the other", async () => {
      const user = await createUser(seed);
      const clip = await createClip(seed, user.id);
      const [a, b] = cluster.apiUrls as [string, string];
      const login = await at(a, "/auth/test-login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: user.id }),
      });
      const jar = cookiesOf(login);
      const me = await at(a, "/auth/me", { headers: { cookie: cookieHeader(jar) } });
      Object.assign(jar, cookiesOf(me));
      const vote = await at(b, `/clips/${clip.id}/vote`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookieHeader(jar), "x-csrf-token": jar.csrf_token! },
        body: JSON.stringify({ vote: 1 }),
      });
      expect(vote.status).toBe(200);
    });

    test("a per-route rate limit is one bucket across instances", async () => {
      const voter = await createUser(seed);
      const clip = await createClip(seed, voter.id);
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await at(cluster.url, `/clips/${clip.id}/vote`, {
          method: "POST",
          headers: voter.headers,
          body: JSON.stringify({ vote: i % 2 ? 1 : -1 }),
        });
        statuses.push(res.status);
      }
      // 20 a minute: each instance alone saw only 10 or 11.
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
      expect(statuses[20]).toBe(429);
    });

    test("a vote through one instance invalidates the cached clip and feed on the other", async () => {
      const owner = await createUser(seed);
      const voter = await createUser(seed);
      const clip = await createClip(seed, owner.id, { title: `scale ${crypto.randomUUID()}` });
      const score = async (base: string) => {
        const detail = await json(await at(base, `/clips/${clip.id}`));
        const feed = await json(await at(base, "/feeds/clips?sort=new&limit=50"));
        const item = feed.clips.find((c: { id: string }) => c.id === clip.id);
        return [detail.data.vote_score, item?.vote_score];
      };
      // Warm both instances' view of the cache; three reads each, so their response memos replay these answers too.
      for (const base of cluster.apiUrls) for (let i = 0; i < 3; i++) expect(await score(base)).toEqual([0, 0]);
      const [a, b] = cluster.apiUrls as [string, string];
      expect((await upvote(a, clip.id, voter.headers)).status).toBe(200);
      expect(await score(b)).toEqual([1, 1]);
      expect(await score(a)).toEqual([1, 1]);
    });

    test("with the instances' cache-version subscriptions killed, a vote through one is still seen on the other", async () => {
      const owner = await createUser(seed);
      const voter = await createUser(seed);
      const clip = await createClip(seed, owner.id, { title: `scale ${crypto.randomUUID()}` });
      const score = async (base: string) => (await json(await at(base, `/clips/${clip.id}`))).data.vote_score;
      for (const base of cluster.apiUrls) for (let i = 0; i < 3; i++) expect(await score(base)).toBe(0);
      // Their scope versions are in memory now; the bump's message will reach neither.
      const admin = new Redis(redisUrl!);
      try {
        const clients = ((await admin.client("LIST")) as string).split("\n");
        const subscribers = clients.filter((line) => line.includes(`name=${cluster.keyPrefix}cache-versions`));
        expect(subscribers.length).toBeGreaterThanOrEqual(2);
        for (const line of subscribers) await admin.client("KILL", "ID", /id=(\d+)/.exec(line)![1]!);
      } finally {
        admin.disconnect();
      }
      const [a, b] = cluster.apiUrls as [string, string];
      expect((await upvote(a, clip.id, voter.headers)).status).toBe(200);
      expect(await score(b)).toBe(1);
      expect(await score(a)).toBe(1);
    });

    test("outbox events become jobs that the two workers process exactly once", async () => {
      const db = cluster.database.db;
      // A processor-side counter: every write of embedded_at (only the embed job writes it) is logged.
      await db.execute(
        sql`create table if not exists scale_embed_log (clip_id uuid not null, at timestamptz default now())`,
      );
      await db.execute(sql`create or replace function scale_log_embed() returns trigger language plpgsql as $$
      begin insert into scale_embed_log (clip_id) values (new.id); return new; end $$`);
      await db.execute(sql`drop trigger if exists scale_embed_log on clips`);
      await db.execute(sql`create trigger scale_embed_log after update of embedded_at on clips
      for each row execute function scale_log_embed()`);

      const owner = await createUser(seed);
      const clips = await Promise.all(Array.from({ length: 40 }, () => createClip(seed, owner.id)));
      const ids = clips.map((c) => c.id);
      const idArray = `{${ids.join(",")}}`;
      await db.transaction(async (tx) => {
        for (const id of ids) await writeOutbox(tx, { aggregateType: "clip", aggregateId: id, topics: ["embed"] });
      });

      const deadline = Date.now() + 30_000;
      let embedded = 0;
      while (Date.now() < deadline) {
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from clips where embedded_at is not null and id = any(${idArray}::uuid[])`,
        );
        embedded = row!.n;
        if (embedded === ids.length) break;
        await Bun.sleep(100);
      }
      expect(embedded).toBe(ids.length);
      await Bun.sleep(500); // a duplicate would land within this
      const counts = await queryRows<{ clip_id: string; n: number }>(
        db,
        sql`select clip_id, count(*)::int as n from scale_embed_log where clip_id = any(${idArray}::uuid[]) group by clip_id`,
      );
      expect(counts).toHaveLength(ids.length);
      expect(counts.every((c) => c.n === 1)).toBe(true);
      const [pending] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from outbox where processed_at is null or attempts <> 1`,
      );
      expect(pending!.n).toBe(0);
    });
  },
);
