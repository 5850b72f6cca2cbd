import type { Principal } from "../../core/principal";
import { mutate, type Writer } from "../../db/mutation";
import { clipCountsChanged } from "../../platform/cache/scopes";
import { applyFavorite } from "./repo";

/** favorite_count is on the clip's row, so its detail and the feeds show the change at once. */
export async function setFavorite(deps: Writer, viewer: Principal, clipId: string, favorited: boolean): Promise<void> {
  await mutate(deps, async (tx) => {
    await applyFavorite(tx, viewer, clipId, favorited);
    return { result: undefined, invalidates: clipCountsChanged(clipId) };
  });
}
