import { randomUUID } from "node:crypto";
import { signAccessToken } from "../../src/core/auth/access-token";
import type { UserRole } from "../../src/db/schema";
import { users } from "../../src/db/schema";
import { recordKarma } from "../../src/modules/karma/ledger";
import type { TestContext } from "./app";

export interface TestUser {
  id: string;
  username: string;
  role: UserRole;
  token: string;
  /** Headers for a Bearer-authenticated JSON request (Bearer requests are exempt from CSRF). */
  headers: Record<string, string>;
}

/** Creates a user with its own unique name and the initial karma grant, and signs an access token for it. */
export async function createUser(
  t: TestContext,
  options: { role?: UserRole; karma?: number; banned?: boolean; username?: string } = {},
): Promise<TestUser> {
  const suffix = randomUUID().slice(0, 8);
  const username = options.username ?? `user_${suffix}`;
  const role = options.role ?? "user";
  const id = await t.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        twitchId: `tw_${suffix}`,
        username,
        displayName: `User ${suffix}`,
        email: `${username}@example.test`,
        role,
        isBanned: options.banned ?? false,
      })
      .returning({ id: users.id });
    await recordKarma(tx, { userId: row!.id, amount: options.karma ?? 100, source: "initial" });
    return row!.id;
  });
  const token = await signAccessToken({ id, role }, t.deps.config.auth.jwtSecret, 900);
  return {
    id,
    username,
    role,
    token,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  };
}
