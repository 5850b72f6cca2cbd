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

/** A signed-in viewer's votes and favourites among these clips: two small queries. */
export async function loadViewerState(db: Db, viewerId: string, clipIds: string[]) {
  if (clipIds.length === 0) return new Map<string, ViewerState>();
  const [viewerVotes, viewerFavorites] = await Promise.all([
    db
      .select({ clipId: votes.clipId, voteType: votes.voteType })
      .from(votes)
      .where(and(eq(votes.userId, viewerId), inArray(votes.clipId, clipIds))),
    db
      .select({ clipId: favorites.clipId })
      .from(favorites)
      .where(and(eq(favorites.userId, viewerId), inArray(favorites.clipId, clipIds))),
  ]);
  const voteByClip = new Map(viewerVotes.map((v) => [v.clipId, v.voteType as 1 | -1]));
  const favorited = new Set(viewerFavorites.map((f) => f.clipId));
  return new Map(clipIds.map((id) => [id, { userVote: voteByClip.get(id), isFavorited: favorited.has(id) }]));
}

/**
 * Turns clip rows into wire clips with submitter info and, for a signed-in viewer, user_vote and is_favorited —
 * on lists as well as detail (the original attached them on detail only). Two to three queries per page, no N+1;
 * none for an anonymous viewer when the submitters are given.
 */
export async function enrichClips(db: Db, rows: ClipRow[], viewerId?: string, knownSubmitters?: UserSummary[]) {
  if (rows.length === 0) return [];
  const [submitters, viewerState] = await Promise.all([
    knownSubmitters ?? loadSubmitters(db, rows),
    viewerId
      ? loadViewerState(
          db,
          viewerId,
          rows.map((r) => r.id),
        )
      : undefined,
  ]);
  const submitterById = new Map(submitters.map((s) => [s.id, s]));
  return rows.map((row) => {
    const submittedBy = row.submittedByUserId ? submitterById.get(row.submittedByUserId) : undefined;
    return toWireClip(row, { submittedBy, viewer: viewerState?.get(row.id) });
  });
}
