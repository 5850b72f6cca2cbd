import { json, type TestContext } from "./app";
import type { TestUser } from "./users";

/** One API call as `user` (anonymous when absent), JSON body when given; returns status and parsed body. */
export async function apiCall(t: TestContext, method: string, path: string, user?: TestUser, body?: unknown) {
  const headers: Record<string, string> = user ? { authorization: `Bearer ${user.token}` } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await t.request(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await json(res) };
}
