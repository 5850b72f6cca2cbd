import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { startBackground } from "../../src/background";
import { clips } from "../../src/db/schema";
import { createViewCounter } from "../../src/modules/clips/view-counter";
import { createTestContext, type TestContext } from "../support/app";
import { createClip } from "../support/clips";
import { createUser } from "../support/users";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const views = async (id: string) =>
  (await t.deps.db.select({ n: clips.viewCount }).from(clips).where(eq(clips.id, id)))[0]!.n;

/** The API's deps as they are when a worker process consumes the jobs (BullMQ). */
const withWorker = () => ({ ...t.deps, jobs: { ...t.deps.jobs, kind: "bullmq" as const } });

describe("startBackground", () => {
  test("the API runs the job side itself only when its jobs run in-process (the embedded default)", () => {
    const api = ["view-counter", "trending-refresh", "search-log"];
    const jobSide = ["outbox-relay", "retention", "account-deletion", "analytics-rollup", "search-words"];
    // In-process unless both TEST_REDIS_URL and TEST_DATABASE_URL are set.
    const inProcess = t.deps.jobs.kind === "in-process";
    expect(t.background.tasks).toEqual(inProcess ? [...api, ...jobSide] : api);
  });

  test("an API whose jobs go to BullMQ leaves the job side to the worker", async () => {
    const background = await startBackground({ role: "api", deps: withWorker() });
    await background.stop();
    expect(background.tasks).toEqual(["view-counter", "trending-refresh", "search-log"]);
  });

  test("stop writes the views still buffered, once however often it is called (shutdown)", async () => {
    const user = await createUser(t);
    const clip = await createClip(t, user.id);
    const counter = createViewCounter(t.deps.db, t.deps.logger);
    const background = await startBackground({ role: "api", deps: { ...withWorker(), views: counter } });
    for (let i = 0; i < 3; i++) counter.record(clip.id);
    expect(await views(clip.id)).toBe(0);
    await Promise.all([background.stop(), background.stop()]);
    expect(await views(clip.id)).toBe(3);
    await background.stop();
    expect(await views(clip.id)).toBe(3);
  });
});
