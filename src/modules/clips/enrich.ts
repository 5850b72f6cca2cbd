import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
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

/** A signed-in viewer's votes and favourites among these clips: one query (one round trip on every signed-in page). */
export async function loadViewerState(db: Db, viewerId: string, clipIds: string[]) {
  if (clipIds.length === 0) return new Map<string, ViewerState>();
  const rows = await queryRows<{ clip_id: string; vote_type: number | null }>(
    db,
    sql`select clip_id, vote_type from votes where ${and(eq(votes.userId, viewerId), inArray(votes.clipId, clipIds))}
        union all
        select clip_id, null from favorites
        where ${and(eq(favorites.userId, viewerId), inArray(favorites.clipId, clipIds))}`,
  );
  // A favourite's row has no vote_type: that is how the two halves are told apart.
  const voteByClip = new Map(rows.flatMap((r) => (r.vote_type === null ? [] : [[r.clip_id, r.vote_type as 1 | -1]])));
  const favorited = new Set(rows.flatMap((r) => (r.vote_type === null ? [r.clip_id] : [])));
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
