import type { Context } from "hono";
import { API_PREFIX } from "./openapi/paths";

/** `Location` of a 201: where the resource just created lives, e.g. `setLocation(c, "comments", id)`. */
export function setLocation(c: Context, ...segments: string[]): void {
  c.header("Location", `${API_PREFIX}/${segments.map(encodeURIComponent).join("/")}`);
}
