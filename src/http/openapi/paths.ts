/** Hono route paths → OpenAPI paths, operation ids and tags. */

export const API_PREFIX = "/api/v1";

export interface PathParam {
  name: string;
  /** The `{regex}` a Hono parameter is constrained by, anchored. */
  pattern?: string;
}

export interface OpenApiPath {
  /** `/api/v1/clips/{id}/comments` */
  path: string;
  params: PathParam[];
}

const PARAM = /^:([A-Za-z0-9_]+)(?:\{(.*)\})?\??$/;
const ALTERNATIVES = /^[\w-]+(\|[\w-]+)*$/;

/**
 * A `:name{a|b}` segment (literal alternatives) becomes one path per alternative (as the RBAC matrix requests them): two such
 * routes under one parent (`:direction{upvoted|downvoted}`, `:direction{followers|following}`) would otherwise collide.
 */
export function toOpenApiPaths(honoPath: string): OpenApiPath[] {
  let variants: OpenApiPath[] = [{ path: "", params: [] }];
  for (const segment of honoPath.split("/").slice(1)) {
    const param = PARAM.exec(segment);
    if (param?.[2] && ALTERNATIVES.test(param[2])) {
      const literals = param[2].split("|");
      variants = variants.flatMap((v) => literals.map((lit) => append(v, lit)));
    } else if (param) {
      const name = param[1]!;
      const spec: PathParam = param[2] ? { name, pattern: `^(?:${param[2]})$` } : { name };
      variants = variants.map((v) => ({ ...append(v, `{${name}}`), params: [...v.params, spec] }));
    } else {
      variants = variants.map((v) => append(v, segment));
    }
  }
  return variants.map((v) => ({ ...v, path: v.path || "/" }));
}

function append(v: OpenApiPath, segment: string): OpenApiPath {
  return { ...v, path: `${v.path}/${segment}` };
}

const unprefixed = (path: string) => (path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path);

/** Feature tag: the first path segment after the prefix (repeated prefixes of the contract's alias included). */
export function tagOf(path: string): string {
  let rest = path;
  while (rest.startsWith(`${API_PREFIX}/`)) rest = rest.slice(API_PREFIX.length);
  return rest.split("/")[1]?.replace(/\.\w+$/, "") || "root";
}

const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

/** `GET /api/v1/clips/{id}/comments` → `getClipsByIdComments`. */
export function operationIdOf(method: string, path: string): string {
  const segments = unprefixed(path).split("/").filter(Boolean);
  const words = segments.map((s) => (s.startsWith("{") ? `By${pascal(s.slice(1, -1))}` : pascal(s)));
  return method.toLowerCase() + words.join("");
}
