import { randomUUID } from "node:crypto";
import { sign, verify } from "hono/jwt";
import { z } from "zod";
import { USER_ROLES, type UserRole } from "../../db/schema";

const ALG = "HS256";

const AccessClaims = z.object({
  sub: z.uuid(),
  role: z.enum(USER_ROLES),
  iat: z.number(),
  exp: z.number(),
  jti: z.string(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

export async function signAccessToken(
  user: { id: string; role: UserRole },
  secret: string,
  ttlSeconds: number,
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return sign({ sub: user.id, role: user.role, iat, exp: iat + ttlSeconds, jti: randomUUID() }, secret, ALG);
}

/** ~300 bytes a token: the tokens of a few thousand active callers, verified once each. */
const MAX_VERIFIED = 5_000;
const verifiedBySecret = new Map<string, Map<string, AccessClaims>>();

/**
 * Any failure (malformed, wrong signature, other alg, expired) returns undefined: the caller answers 401. A token
 * is immutable, so once its signature and claims check out it is remembered (per secret) and only its expiry is
 * checked again; a token that failed is checked afresh every time.
 */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims | undefined> {
  let verified = verifiedBySecret.get(secret);
  if (!verified) {
    verified = new Map();
    verifiedBySecret.set(secret, verified);
  }
  const known = verified.get(token);
  if (known) {
    if (known.exp > Date.now() / 1000) return known;
    verified.delete(token);
    return undefined;
  }
  try {
    const parsed = AccessClaims.safeParse(await verify(token, secret, ALG));
    if (!parsed.success) return undefined;
    verified.set(token, parsed.data);
    if (verified.size > MAX_VERIFIED) verified.delete(verified.keys().next().value!);
    return parsed.data;
  } catch {
    return undefined;
  }
}
