import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { Cache } from "../../platform/cache/cache";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const cacheKey = (tokenHash: string) => `auth:refresh-successor:${tokenHash}`;
// Derived from the rotated token itself: what the cache holds opens only for someone who presents that token.
const sealingKey = (token: string) => createHmac("sha256", token).update("clipper refresh successor").digest();

export interface RotatedToken {
  token: string;
  tokenHash: string;
}

/**
 * Keeps a rotated token's successor for the reuse interval only, encrypted, so a second tab refreshing with the same
 * token gets the same successor instead of tripping reuse detection. A cache failure only loses that grace.
 */
export async function keepSuccessor(cache: Cache, rotated: RotatedToken, successor: string, seconds: number) {
  if (seconds <= 0) return;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", sealingKey(rotated.token), iv);
  const sealed = Buffer.concat([cipher.update(successor, "utf8"), cipher.final()]);
  const value = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
  await cache.set(cacheKey(rotated.tokenHash), value, seconds).catch(() => undefined);
}

export async function recallSuccessor(cache: Cache, rotated: RotatedToken): Promise<string | undefined> {
  const stored = await cache.get(cacheKey(rotated.tokenHash)).catch(() => null);
  if (!stored) return undefined;
  const raw = Buffer.from(stored, "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealingKey(rotated.token), raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
