import type { Random } from "../../../src/seed/random";
import type { LatentClip } from "./clips";
import * as grade from "./grades";
import { channelForms, gameForms } from "./named";
import { type Draft, spread } from "./spread";
import { CHANNELS, type Language } from "./vocabulary-channels";
import { EVENTS, eventById } from "./vocabulary-events";
import { GAMES } from "./vocabulary-games";
import { LANGUAGE_WORDS } from "./vocabulary-styles";

/** Which latents a combined query targets besides its event. */
interface Target {
  event: string;
  game?: string;
  channel?: string;
  language?: Exclude<Language, "en">;
}

const fits = (t: Target) => (c: LatentClip) =>
  c.topic === t.event &&
  (t.game === undefined || c.game_name === t.game) &&
  (t.channel === undefined || c.broadcaster_name === t.channel) &&
  (t.language === undefined || c.language === t.language);

/** Targets that at least `min` clips satisfy, drawn evenly over events. */
function targets(rng: Random, clips: LatentClip[], all: Target[], n: number, min: number): Target[] {
  const answered = all.filter((t) => clips.filter(fits(t)).length >= min);
  return spread(rng, answered, n, (t) => t.event, 2);
}

/** The words in the order a searcher might type them. */
const phrase = (rng: Random, parts: string[]) =>
  rng.chance(0.5) ? parts.join(" ") : [parts[1], parts[0], ...parts.slice(2)].join(" ");

const gameForm = (rng: Random, name: string) => rng.pick(gameForms(GAMES.find((g) => g.name === name)!));
const channelForm = (rng: Random, name: string) => rng.pick(channelForms(CHANNELS.find((c) => c.name === name)!));
const key = (rng: Random, event: string) => rng.pick(eventById(event).keys);

/** concept+game, streamer+concept and multi-intent queries, built from latents that the corpus answers. */
export function combinedQueries(rng: Random, clips: LatentClip[], perKind: number): Draft[] {
  const byGame = EVENTS.flatMap((e) => GAMES.map((g) => ({ event: e.id, game: g.name })));
  const byChannel = EVENTS.flatMap((e) => CHANNELS.map((c) => ({ event: e.id, channel: c.name })));
  const byAll = byGame.flatMap((t) =>
    CHANNELS.filter((c) => c.games.includes(t.game)).map((c) => ({ ...t, channel: c.name })),
  );
  const byLanguage = byGame.flatMap((t) =>
    (Object.keys(LANGUAGE_WORDS) as Exclude<Language, "en">[]).map((language) => ({ ...t, language })),
  );
  const out: Draft[] = [];
  for (const t of targets(rng, clips, byGame, perKind, 2)) {
    const game = (c: LatentClip) => c.game_name === t.game;
    const text = rng.chance(0.25)
      ? `${key(rng, t.event)} in ${gameForm(rng, t.game!)}`
      : phrase(rng, [gameForm(rng, t.game!), key(rng, t.event)]);
    out.push({ q: text, kind: "concept+game", judgments: grade.judge(clips, grade.byEventAt(t.event, game)) });
  }
  for (const t of targets(rng, clips, byChannel, perKind, 2)) {
    const channel = (c: LatentClip) => c.broadcaster_name === t.channel;
    const text = phrase(rng, [channelForm(rng, t.channel!), key(rng, t.event)]);
    out.push({ q: text, kind: "streamer+concept", judgments: grade.judge(clips, grade.byEventAt(t.event, channel)) });
  }
  const half = Math.ceil(perKind / 2);
  for (const t of [...targets(rng, clips, byAll, half, 1), ...targets(rng, clips, byLanguage, perKind - half, 2)]) {
    const game = (c: LatentClip) => c.game_name === t.game;
    const other = (c: LatentClip) => (t.channel ? c.broadcaster_name === t.channel : c.language === t.language);
    const third = t.channel ? channelForm(rng, t.channel) : rng.pick(LANGUAGE_WORDS[t.language!]);
    const text = t.channel
      ? phrase(rng, [third, key(rng, t.event), gameForm(rng, t.game!)])
      : `${phrase(rng, [gameForm(rng, t.game!), key(rng, t.event)])} ${third}`;
    out.push({
      q: text,
      kind: "multi-intent",
      judgments: grade.judge(clips, grade.byEventAndTwo(t.event, game, other)),
    });
  }
  return out;
}
