import type { Queue } from "bullmq";
import { Hono } from "hono";
import { serveStatic } from "hono/bun";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { requireAuth, requirePermission } from "../../http/middleware/auth";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/**
 * The bull-board UI and its JSON API over the producer's BullMQ queue handles (closed with the job queue).
 * Imported on first use: bull-board costs ~130 ms of start-up that most processes never need.
 */
async function createBoard(queues: readonly Queue[]): Promise<Hono> {
  const [{ createBullBoard }, { BullMQAdapter }, { HonoAdapter }] = await Promise.all([
    import("@bull-board/api"),
    import("@bull-board/api/bullMQAdapter"),
    import("@bull-board/hono"),
  ]);
  const adapter = new HonoAdapter(serveStatic).setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "Clipper queues" } },
  });
  return new Hono().basePath(QUEUE_DASHBOARD_PATH).route("/", adapter.registerPlugin());
}

/**
 * Mounted at /admin/queues, admins only (Bearer or the access cookie; mutations also pass CSRF in app.ts). The
 * in-process queue of the embedded default has nothing to show: a 404 that says why.
 */
export function createQueueDashboardRoutes(deps: Deps) {
  const routes = new Hono<AppEnv>().use("*", requireAuth(deps), requirePermission("queues:manage"));
  const queues = deps.jobs.queues;
  if (!queues) {
    return routes.all("*", () => {
      throw new AppError("NOT_FOUND", "The queue dashboard needs BullMQ: set REDIS_URL and DATABASE_URL");
    });
  }
  let board: Promise<Hono> | undefined;
  return routes.all("*", async (c) => {
    board ??= createBoard(queues);
    return (await board).fetch(c.req.raw);
  });
}
