import { eq, sql } from "drizzle-orm";
import { karmaHistory, users } from "../../src/db/schema";
import { json, type TestContext } from "../support/app";
import type { TestUser } from "../support/users";

const anonHeaders: Record<string, string> = { "content-type": "application/json" };

export function commentApi(t: TestContext) {
  const call = async (method: string, path: string, user?: TestUser, body?: unknown) => {
    const headers = { ...(user?.headers ?? anonHeaders) };
    // Like the SPA: a request without a body carries no Content-Type.
    if (body === undefined) delete headers["content-type"];
    const res = await t.request(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await json(res) };
  };
  return {
    call,
    post: (clipId: string, user: TestUser | undefined, content: unknown, parentId?: string) =>
      call("POST", `/clips/${clipId}/comments`, user, { content, parent_comment_id: parentId }),
    vote: (commentId: string, user: TestUser | undefined, vote: unknown) =>
      call("POST", `/comments/${commentId}/vote`, user, { vote }),
    remove: (commentId: string, user: TestUser | undefined, body?: unknown) =>
      call("DELETE", `/comments/${commentId}`, user, body),
    list: (clipId: string, query = "", user?: TestUser) => call("GET", `/clips/${clipId}/comments${query}`, user),
  };
}

export async function karmaOf(t: TestContext, userId: string) {
  const [user] = await t.deps.db.select({ karma: users.karmaPoints }).from(users).where(eq(users.id, userId));
  const [ledger] = await t.deps.db
    .select({ sum: sql<number>`coalesce(sum(${karmaHistory.amount}), 0)::int` })
    .from(karmaHistory)
    .where(eq(karmaHistory.userId, userId));
  return { points: user!.karma, ledger: Number(ledger!.sum) };
}
