import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { favorites, users, votes } from "../../db/schema";
import { type ClipRow, toWireClip, type UserSummary, type ViewerState } from "./wire";

/**
 * Turns clip rows into wire clips with submitter info and, for a signed-in viewer, user_vote and is_favorited —
 * on lists as well as detail (the original attached them on detail only). Two to three queries per page, no N+1.
 */
export async function enrichClips(db: Db, rows: ClipRow[], viewerId?: string) {
  if (rows.length === 0) return [];
  const clipIds = rows.map((r) => r.id);
  const submitterIds = [...new Set(rows.map((r) => r.submittedByUserId).filter((id): id is string => !!id))];

  const [submitters, viewerVotes, viewerFavorites] = await Promise.all([
    submitterIds.length
      ? db
          .select({
            id: users.id,
            username: users.username,
            display_name: users.displayName,
            avatar_url: users.avatarUrl,
            is_verified: users.isVerified,
          })
          .from(users)
          .where(inArray(users.id, submitterIds))
      : Promise.resolve([] as UserSummary[]),
    viewerId
      ? db
          .select({ clipId: votes.clipId, voteType: votes.voteType })
          .from(votes)
          .where(and(eq(votes.userId, viewerId), inArray(votes.clipId, clipIds)))
      : Promise.resolve([]),
    viewerId
      ? db
          .select({ clipId: favorites.clipId })
          .from(favorites)
          .where(and(eq(favorites.userId, viewerId), inArray(favorites.clipId, clipIds)))
      : Promise.resolve([]),
  ]);

  const submitterById = new Map(submitters.map((s) => [s.id, s]));
  const voteByClip = new Map(viewerVotes.map((v) => [v.clipId, v.voteType as 1 | -1]));
  const favorited = new Set(viewerFavorites.map((f) => f.clipId));

  return rows.map((row) => {
    const viewer: ViewerState | undefined = viewerId
      ? { userVote: voteByClip.get(row.id), isFavorited: favorited.has(row.id) }
      : undefined;
    const submittedBy = row.submittedByUserId ? submitterById.get(row.submittedByUserId) : undefined;
    return toWireClip(row, { submittedBy, viewer });
  });
}
