import type { Context } from "hono";
import { routePath } from "hono/route";

const CONSTRAINED = /^(:\w+)\{(.*)\}(\??)$/;
const ALTERNATIVES = /^[\w-]+(\|[\w-]+)*$/;

/**
 * The route that answered, as a label for metrics, logs and spans: `/api/v1/users/:id`, never the raw path with ids
 * nor a parameter's regular expression (`:id{[0-9a-fA-F]{8}-…}`). A parameter limited to literal alternatives
 * (`:direction{upvoted|downvoted}`) shows the alternative requested, as the OpenAPI paths do: still a bounded set,
 * and two such routes under one parent stay apart.
 */
export function routeTemplate(c: Context): string {
  const pattern = routePath(c, -1);
  if (!pattern.includes("{")) return pattern;
  const requested = c.req.path.split("/");
  return pattern
    .split("/")
    .map((segment, i) => {
      const param = CONSTRAINED.exec(segment);
      if (!param) return segment;
      const [, name, constraint, optional] = param;
      if (ALTERNATIVES.test(constraint!) && constraint!.split("|").includes(requested[i] ?? "")) return requested[i];
      return `${name}${optional}`;
    })
    .join("/");
}
