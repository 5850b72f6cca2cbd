import { mutate, type Writer } from "../../db/mutation";
import { deleteFollow, insertFollow } from "./social-repo";

/** Follows or unfollows; follower counts are read uncached, so no cache scope changes. */
export async function setFollow(
  deps: Writer,
  p: { followerId: string; followingId: string; following: boolean },
): Promise<void> {
  await mutate(deps, async (tx) => {
    await (p.following ? insertFollow : deleteFollow)(tx, p.followerId, p.followingId);
    return { result: undefined, invalidates: [] };
  });
}
