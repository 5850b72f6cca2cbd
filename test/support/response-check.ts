import type { Hono } from "hono";
import type { RouterRoute } from "hono/types";
import { findTargetHandler } from "hono/utils/handler";
import { z } from "zod";
import { PlainError, StandardError } from "../../src/http/error-schemas";
import { type ResponseBody, responseBodyOf } from "../../src/http/openapi/registry";
import { routingPath } from "../../src/http/path";

// biome-ignore lint/suspicious/noExplicitAny: any app's router
type AnyApp = Hono<any, any, any>;

const ErrorBody = z.union([PlainError, StandardError]);

/** The route that answers this method and path, and the success bodies it declares (returns / returnsNothing). */
export function routeOf(
  app: AnyApp,
  method: string,
  path: string,
): { route: string; bodies: ResponseBody[] } | undefined {
  const wanted = method === "HEAD" ? "GET" : method;
  const matched = app.router.match(wanted, path)[0].map(([[, r]]) => r as RouterRoute);
  const first = matched.find((r) => r.method === wanted);
  if (!first) return undefined;
  const bodies = matched
    .filter((r) => r.path === first.path && (r.method === wanted || r.method === "ALL"))
    .map((r) => responseBodyOf(findTargetHandler(r.handler)))
    .filter((b): b is ResponseBody => b !== undefined);
  return { route: `${wanted} ${first.path}`, bodies };
}

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
    .join("; ");

/** Whether a Content-Type is the documented media type: the same type and at least its parameters, in any order. */
function isMediaType(contentType: string | null, documented: string): boolean {
  const parts = (value: string) => value.split(";").map((p) => p.trim().toLowerCase());
  const [type, ...params] = parts(documented);
  const [sentType, ...sent] = parts(contentType ?? "");
  return sentType === type && params.every((p) => sent.includes(p));
}

/**
 * Why a response does not match what the document says of it, or undefined when it does. Routes that declare no
 * success body yet are not checked (test/contract/document-quality.test.ts lists them); error bodies are checked
 * against the two envelopes, unless the route declared its own body for that status (readiness's 503).
 */
export async function responseViolation(app: AnyApp, request: Request, res: Response): Promise<string | undefined> {
  if (request.method === "HEAD" || res.status === 304 || res.headers.get("content-encoding")) return undefined;
  const found = routeOf(app, request.method, routingPath(request));
  const where = `${request.method} ${new URL(request.url).pathname} → ${res.status}`;
  const contentType = res.headers.get("content-type");
  const body = found?.bodies.find((b) => b.status === res.status);
  if (res.status >= 400 && !body) {
    if (!isMediaType(contentType, "application/json")) {
      return res.status === 404 || res.status >= 500 ? undefined : `${where}: error without a JSON body`;
    }
    const parsed = ErrorBody.safeParse(await res.clone().json());
    return parsed.success ? undefined : `${where}: error body fits neither envelope (${issues(parsed.error)})`;
  }
  if (!found?.bodies.length || (res.status >= 300 && res.status < 400)) return undefined;
  if (!body) return `${where}: ${found.route} documents ${found.bodies.map((b) => b.status).join(", ")} only`;
  const text = await res.clone().text();
  if (!body.schema) return text === "" ? undefined : `${where}: documented without a body, but one was sent`;
  const mediaType = body.mediaType ?? "application/json";
  if (!isMediaType(contentType, mediaType)) return `${where}: documented as ${mediaType}, sent ${contentType}`;
  const parsed = body.schema.safeParse(mediaType === "application/json" ? JSON.parse(text) : text);
  return parsed.success ? undefined : `${where}: body does not match ${found.route}'s schema (${issues(parsed.error)})`;
}

/** Makes `app.request` check every response against the documented schemas, failing the call that broke one. */
export function checkResponses<A extends AnyApp>(app: A): A {
  const request = app.request.bind(app);
  app.request = (async (input: string | Request | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await (request as (...args: unknown[]) => Promise<Response>)(input, init, ...rest);
    const req =
      input instanceof Request
        ? input
        : new Request(new URL(String(input), "http://localhost").href, { method: init?.method });
    const violation = await responseViolation(app, req, res);
    if (violation) throw new Error(`Response contradicts the OpenAPI document: ${violation}`);
    return res;
  }) as A["request"];
  return app;
}
