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

/** Any failure (malformed, wrong signature, other alg, expired) returns undefined: the caller answers 401. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims | undefined> {
  try {
    const payload = await verify(token, secret, ALG);
    const parsed = AccessClaims.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
