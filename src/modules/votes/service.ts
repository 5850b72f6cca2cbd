import { mutate, type Writer } from "../../db/mutation";
import { clipCountsChanged } from "../../platform/cache/scopes";
import { applyVote, type VoteInput, type VoteResult } from "./repo";

/** A vote (or its removal) shows at once on the clip's detail and on every feed, and drops no feed page. */
export function castVote(deps: Writer, input: VoteInput): Promise<VoteResult> {
  return mutate(deps, async (tx) => ({
    result: await applyVote(tx, input),
    invalidates: clipCountsChanged(input.clipId),
  }));
}
