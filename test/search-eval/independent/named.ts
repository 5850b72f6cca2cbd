import type { Random } from "../../../src/seed/random";
import type { LatentClip } from "./clips";
import * as grade from "./grades";
import { type Draft, spread } from "./spread";
import { CHANNELS, type Channel } from "./vocabulary-channels";
import { GAMES, type Game } from "./vocabulary-games";

export const gameForms = (g: Game) => [g.name.toLowerCase(), ...g.aliases];
export const channelForms = (c: Channel) => [c.name, c.name.toLowerCase(), c.spoken];

/** game and streamer queries: a name as people type it (name, alias, handle, handle in words). */
export function namedQueries(rng: Random, clips: LatentClip[], perKind: number): Draft[] {
  const games = rng.sample(GAMES, perKind).map((g) => ({
    q: rng.pick(gameForms(g)),
    kind: "game",
    judgments: grade.judge(clips, grade.byGame(g.name)),
  }));
  const channels = rng.sample(CHANNELS, perKind).map((c) => ({
    q: rng.pick(channelForms(c)),
    kind: "streamer",
    judgments: grade.judge(clips, grade.byChannel(c.name)),
  }));
  return [...games, ...channels];
}

/** exact queries: the title of a clip whose title is unique in the corpus (and says what happens). */
export function exactQueries(rng: Random, clips: LatentClip[], perKind: number): Draft[] {
  const uses = new Map<string, number>();
  for (const c of clips) uses.set(grade.plainTitle(c.title), (uses.get(grade.plainTitle(c.title)) ?? 0) + 1);
  const titled = clips.filter(
    (c) => uses.get(grade.plainTitle(c.title)) === 1 && c.style !== "raw" && c.style !== "generic",
  );
  return spread(rng, titled, perKind, (c) => c.topic, 2).map((c) => ({
    q: c.title,
    kind: "exact",
    judgments: grade.judge(clips, grade.byTitle(c)),
  }));
}
