import { z } from "zod";

/**
 * A UUID field for query strings and bodies, lower-cased once here so cache keys, invalidation scopes and log lines
 * see one spelling whatever casing the caller sent (paths get the same treatment in src/http/path.ts).
 */
export const uuidField = (message?: string) => z.guid(message).transform((id) => id.toLowerCase());
