import { clips, clipTags, tags, users } from "../../src/db/schema";
import type { Deps } from "../../src/deps";
import { copyToIndex } from "../../src/modules/search/opensearch-sync";
import { embedClips } from "../../src/platform/embeddings/clip-embeddings";
import type { OsClient } from "../../src/platform/search/opensearch-client";
import { currentIndex, ensureIndices, INDEX_KINDS, refreshIndices } from "../../src/platform/search/opensearch-indices";
import type { Judgments } from "./metrics";

export interface CorpusClip {
  key: string;
  title: string;
  game_name: string;
  broadcaster_name: string;
  creator_name: string;
  tags: string[];
  language: string;
  vote_score: number;
  /** Hours before the load that the clip was made on Twitch. */
  created_offset_hours: number;
  /** The generator's topic label (headshot, rage, …); judgments are written against it. */
  topic: string;
}

export interface EvalQuery {
  id: string;
  q: string;
  kind: string;
  judgments: Judgments;
  /** The independent set's half: parameters are chosen on "tune", figures are reported on "heldout". */
  split?: "tune" | "heldout";
}

/** The first set (this folder) or the independent one (independent/, built by its generate.ts). */
export const SET_DIRS = { default: import.meta.dir, independent: `${import.meta.dir}/independent` };

export async function readCorpus(dir: string): Promise<{ clips: CorpusClip[]; queries: EvalQuery[] }> {
  const corpus = (await Bun.file(`${dir}/corpus.json`).json()) as { clips: CorpusClip[] };
  const judged = (await Bun.file(`${dir}/queries.json`).json()) as { queries: EvalQuery[] };
  return { clips: corpus.clips, queries: judged.queries };
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * Inserts the corpus as feedable clips (one submitter), their tags, and the vectors of `deps.embeddings`.
 * Returns clip id → corpus key, to map engine hits back onto the judgments.
 */
export async function loadCorpus(deps: Deps, corpus: CorpusClip[]): Promise<Map<string, string>> {
  const now = Date.now();
  const [submitter] = await deps.db
    .insert(users)
    .values({ twitchId: "eval_submitter", username: "eval_submitter", displayName: "Eval", email: "eval@example.test" })
    .returning({ id: users.id });
  const tagNames = [...new Set(corpus.flatMap((c) => c.tags))];
  const tagRows = await deps.db
    .insert(tags)
    .values(tagNames.map((name) => ({ name, slug: slugify(name) })))
    .returning({ id: tags.id, name: tags.name });
  const tagId = new Map(tagRows.map((t) => [t.name, t.id]));
  const games = [...new Set(corpus.map((c) => c.game_name))];
  const people = [...new Set(corpus.flatMap((c) => [c.broadcaster_name, c.creator_name]))];

  const rows = await deps.db
    .insert(clips)
    .values(
      corpus.map((c) => {
        const createdAt = new Date(now - c.created_offset_hours * 3_600_000);
        return {
          twitchClipId: `Eval${c.key}`,
          twitchClipUrl: `https://clips.twitch.tv/Eval${c.key}`,
          embedUrl: `https://clips.twitch.tv/embed?clip=Eval${c.key}`,
          title: c.title,
          creatorName: c.creator_name,
          creatorId: String(10_000 + people.indexOf(c.creator_name)),
          broadcasterName: c.broadcaster_name,
          broadcasterId: String(10_000 + people.indexOf(c.broadcaster_name)),
          gameId: String(500_000 + games.indexOf(c.game_name)),
          gameName: c.game_name,
          language: c.language,
          thumbnailUrl: `https://clips-media-assets2.twitch.tv/Eval${c.key}-preview-480x272.jpg`,
          duration: 30,
          voteScore: c.vote_score,
          createdAt,
          submittedByUserId: submitter!.id,
          submittedAt: new Date(createdAt.getTime() + 60_000),
        };
      }),
    )
    .returning({ id: clips.id, twitchClipId: clips.twitchClipId });
  const idOf = new Map(rows.map((r) => [r.twitchClipId.slice(4), r.id]));
  const links = corpus.flatMap((c) => c.tags.map((t) => ({ clipId: idOf.get(c.key)!, tagId: tagId.get(t)! })));
  if (links.length) await deps.db.insert(clipTags).values(links);
  await embedClips(deps.db, deps.embeddings, [...idOf.values()]);
  return new Map(rows.map((r) => [r.id, r.twitchClipId.slice(4)]));
}

/** Builds the four indices behind the client's (unique) prefix with the backfill's copy code, then refreshes. */
export async function indexCorpus(deps: Deps, client: OsClient): Promise<void> {
  await ensureIndices(client);
  for (const kind of INDEX_KINDS) {
    await copyToIndex(deps.db, client, { kind, index: (await currentIndex(client, kind))!, batch: 200 });
  }
  await refreshIndices(client);
}
