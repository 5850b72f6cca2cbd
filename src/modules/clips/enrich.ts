import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { favorites, users, votes } from "../../db/schema";
import { type ClipRow, toWireClip, type UserSummary, type ViewerState } from "./wire";

/** The submitters of these rows, for enrichClips; cached pages store them with their rows. */
export async function loadSubmitters(db: Db, rows: ClipRow[]): Promise<UserSummary[]> {
  const ids = [...new Set(rows.map((r) => r.submittedByUserId).filter((id): id is string => !!id))];
  if (ids.length === 0) return [];
  return db
    .select({
      id: users.id,
      username: users.username,
      display_name: users.displayName,
      avatar_url: users.avatarUrl,
      is_verified: users.isVerified,
    })
    .from(users)
    .where(inArray(users.id, ids));
}

/**
 * Turns clip rows into wire clips with submitter info and, for a signed-in viewer, user_vote and is_favorited —
 * on lists as well as detail (the original attached them on detail only). Two to three queries per page, no N+1;
 * none for an anonymous viewer when the submitters are given.
 */
export async function enrichClips(db: Db, rows: ClipRow[], viewerId?: string, knownSubmitters?: UserSummary[]) {
  if (rows.length === 0) return [];
  const clipIds = rows.map((r) => r.id);

  const [submitters, viewerVotes, viewerFavorites] = await Promise.all([
    knownSubmitters ?? loadSubmitters(db, rows),
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
