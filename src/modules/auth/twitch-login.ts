import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import { AppError } from "../../core/errors";
import type { Db } from "../../db/client";
import { invalidateOnCommit, mutate } from "../../db/mutation";
import { users } from "../../db/schema";
import type { Deps } from "../../deps";
import { scopes } from "../../platform/cache/scopes";
import type { TwitchUser } from "../../platform/twitch/schemas";
import { recordKarma } from "../karma/ledger";
import { writeOutbox } from "../outbox/repo";

const MAX_USERNAME = 50;

/** Twitch logins are unique on Twitch, but a stale local row may still hold a renamed login. */
async function freeUsername(tx: Db, login: string, twitchId: string): Promise<string> {
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(sql`lower(${users.username}) = lower(${login})`, or(isNull(users.twitchId), ne(users.twitchId, twitchId))),
    );
  return taken ? `${login}_${twitchId}`.slice(0, MAX_USERNAME) : login;
}

/** First login creates the user with the initial karma grant; later logins refresh the Twitch-owned fields. */
async function upsertTwitchUser(tx: Db, profile: TwitchUser, initialKarma: number) {
  const fields = {
    username: await freeUsername(tx, profile.login, profile.id),
    displayName: profile.display_name.slice(0, 100),
    email: profile.email ? profile.email.slice(0, 255) : null,
    avatarUrl: profile.profile_image_url || null,
    lastLoginAt: new Date(),
  };
  const returning = { id: users.id, role: users.role, isBanned: users.isBanned };
  const [created] = await tx
    .insert(users)
    .values({ twitchId: profile.id, ...fields })
    .onConflictDoNothing({ target: users.twitchId })
    .returning(returning);
  if (created) await recordKarma(tx, { userId: created.id, amount: initialKarma, source: "initial" });
  const user =
    created ?? (await tx.update(users).set(fields).where(eq(users.twitchId, profile.id)).returning(returning))[0]!;
  await writeOutbox(tx, { aggregateType: "user", aggregateId: user.id });
  invalidateOnCommit(tx, scopes.user(user.id));
  return user;
}

export async function loginWithTwitch(deps: Deps, code: string, codeVerifier?: string) {
  const token = await deps.twitch.exchangeCode(code, codeVerifier);
  const profile = await deps.twitch.getUser(token.access_token);
  const user = await mutate(deps, async (tx) => ({
    result: await upsertTwitchUser(tx, profile, deps.config.karma.initialPoints),
    invalidates: [],
  }));
  if (user.isBanned) throw new AppError("BANNED", "Your account has been banned");
  return user;
}
