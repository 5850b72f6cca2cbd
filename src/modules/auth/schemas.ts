import { z } from "zod";
import { uuidField } from "../../http/ids";
import { wireSchema } from "../../http/openapi/registry";
import { User } from "../users/schemas";

const state = z
  .string()
  .min(8)
  .max(256)
  .regex(/^[A-Za-z0-9._~-]+$/);
// RFC 7636: challenge and verifier are 43–128 unreserved characters.
const challenge = z.string().regex(/^[A-Za-z0-9_-]{43,128}$/);
const verifier = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/);

export const TwitchStartQuery = z.object({
  state: state.optional(),
  code_challenge: challenge.optional(),
  code_challenge_method: z.literal("S256").optional(),
});

export const TwitchCallbackQuery = z.object({
  code: z.string().min(1).max(512).optional(),
  state: state.optional(),
  error: z.string().max(100).optional(),
});

export const TwitchCallbackBody = z.object({
  code: z.string().min(1).max(512),
  state,
  code_verifier: verifier,
});

export const TestLoginBody = z
  .object({ user_id: uuidField().optional(), username: z.string().min(1).max(50).optional() })
  .refine((b) => b.user_id || b.username, { message: "user_id or username is required" });

const token = z.string().meta({ examples: ["eyJhbGciOiJIUzI1NiJ9.e30.signature"] });

/** Also set as the `access_token` / `refresh_token` cookies. */
export const TokenPair = wireSchema("TokenPair", z.strictObject({ access_token: token, refresh_token: token }));
export type TokenPair = z.infer<typeof TokenPair>;

export const TestLogin = wireSchema(
  "TestLogin",
  z.strictObject({ user: User, access_token: token, refresh_token: token }),
);
export type TestLogin = z.infer<typeof TestLogin>;

export const ReauthorizeUrl = wireSchema(
  "ReauthorizeUrl",
  z.strictObject({ auth_url: z.url().meta({ examples: ["https://id.twitch.tv/oauth2/authorize?client_id=abc"] }) }),
);
export type ReauthorizeUrl = z.infer<typeof ReauthorizeUrl>;
