import { Random } from "../../../src/seed/random";
import type { CorpusClip } from "../corpus";
import { CHANNELS, type Channel, CLIPPERS, type Language } from "./vocabulary-channels";
import { EVENTS, type GameEvent } from "./vocabulary-events";
import { INTL_TITLES } from "./vocabulary-events-intl";
import { GAMES, type Game, gameNamed } from "./vocabulary-games";
import { GENERIC_TAGS, GENERIC_TITLES, LANGUAGE_TAGS, RAW_TITLES } from "./vocabulary-styles";

/** A moment on a stream: the ground truth that every clip of it shares and every judgment is derived from. */
interface Moment {
  id: string;
  channel: Channel;
  game: Game;
  /** null: nothing in EVENTS happens (a generic clip). */
  event: GameEvent | null;
  term: string;
  n: number;
  N: number;
  hours: number;
}

type Style = "plain" | "slang" | "native" | "raw" | "generic";

/** A corpus clip with its latents; `topic` is the event id or "none", `term` is set when the title names it. */
export interface LatentClip extends CorpusClip {
  moment: string;
  term: string | null;
  style: Style;
}

export const CLIP_COUNT = 1600;
const GENERIC_SHARE = 0.3;
const DECORATIONS = [" 😭", " 💀", "!!", " ...", " 😳"];

function pickEvent(rng: Random, game: Game): GameEvent | null {
  const fits = EVENTS.filter((e) => e.genres.includes(game.genre) && (!e.games || e.games.includes(game.name)));
  if (fits.length === 0 || rng.chance(GENERIC_SHARE)) return null;
  let roll = rng.next() * fits.reduce((sum, e) => sum + e.weight, 0);
  for (const e of fits) {
    roll -= e.weight;
    if (roll < 0) return e;
  }
  return fits.at(-1)!;
}

function pickStyle(rng: Random, m: Moment): Style {
  const roll = rng.next();
  if (!m.event) return roll < 0.15 ? "raw" : "generic";
  if (m.channel.language === "en") return roll < 0.6 ? "plain" : roll < 0.87 ? "slang" : "raw";
  return roll < 0.65 ? "native" : roll < 0.77 ? "plain" : roll < 0.82 ? "slang" : "raw";
}

function templates(m: Moment, style: Style): string[] {
  const language = m.channel.language;
  if (style === "raw") return RAW_TITLES[language];
  if (style === "generic") return GENERIC_TITLES[language];
  const event = m.event!;
  if (style === "native" && language !== "en") return INTL_TITLES[event.id]![language];
  return style === "slang" ? event.slang : event.en;
}

/** Other languages drop the English article of a term ("incendia ramen", not "incendia the ramen"). */
const bareTerm = (term: string, language: Language) => (language === "en" ? term : term.replace(/^(the|a|an) /i, ""));

function title(rng: Random, m: Moment, style: Style): { title: string; term: string | null } {
  const template = rng.pick(templates(m, style));
  const english = style === "plain" || style === "slang" || m.channel.language === "en";
  const who = rng.chance(0.3) ? m.channel.name.toLowerCase() : m.channel.name;
  const term = bareTerm(m.term, english ? "en" : m.channel.language);
  let text = rng.fill(template, { who: [who], term: [term], n: [String(m.n)], N: [String(m.N)] });
  if (style !== "raw" && rng.chance(0.15)) text += rng.pick(DECORATIONS);
  if (english && style !== "raw" && rng.chance(0.05)) text = text.toUpperCase();
  return { title: text, term: template.includes("{term}") ? m.term : null };
}

function clipTags(rng: Random, m: Moment, style: Style): string[] {
  const out: string[] = [];
  if (m.event && style === "raw") out.push(...rng.sample(m.event.tags, rng.int(2, 3)));
  else if (m.event && rng.chance(0.45)) out.push(...rng.sample(m.event.tags, rng.int(1, 2)));
  else if (!m.event && rng.chance(0.4)) out.push(rng.pick(GENERIC_TAGS));
  if (rng.chance(m.channel.language === "en" ? 0.1 : 0.35)) out.push(LANGUAGE_TAGS[m.channel.language]);
  return out;
}

/** Half the moments start from a channel, half from a game, so small games and small channels both get clips. */
function moment(rng: Random, index: number): Moment {
  const byGame = rng.chance(0.5);
  const first = byGame ? rng.pick(GAMES) : null;
  const channel = first ? rng.pick(CHANNELS.filter((c) => c.games.includes(first.name))) : rng.pick(CHANNELS);
  const game = first ?? gameNamed(rng.pick(channel.games));
  return {
    id: `m${String(index + 1).padStart(4, "0")}`,
    channel,
    game,
    event: pickEvent(rng, game),
    term: rng.pick(game.terms),
    n: rng.int(2, 5),
    N: rng.int(12, 480),
    hours: rng.int(2, 6000),
  };
}

/** CLIP_COUNT clips from moments of one to three clips each (different clippers title the same moment). */
export function generateClips(seed: number): LatentClip[] {
  const rng = new Random(seed);
  const out: LatentClip[] = [];
  for (let i = 0; out.length < CLIP_COUNT; i++) {
    const m = moment(rng, i);
    const copies = rng.chance(0.65) ? 1 : rng.chance(0.7) ? 2 : 3;
    for (let c = 0; c < copies && out.length < CLIP_COUNT; c++) {
      const style = pickStyle(rng, m);
      const named = title(rng, m, style);
      out.push({
        key: `i${String(out.length + 1).padStart(4, "0")}`,
        title: named.title,
        game_name: m.game.name,
        broadcaster_name: m.channel.name,
        creator_name: rng.chance(0.12) ? m.channel.name : rng.pick(CLIPPERS),
        tags: clipTags(rng, m, style),
        language: m.channel.language,
        vote_score: Math.max(-5, Math.round(rng.logNormal(6, 1.1)) - rng.int(0, 4)),
        created_offset_hours: m.hours + rng.int(0, 3),
        topic: m.event?.id ?? "none",
        moment: m.id,
        term: named.term,
        style,
      });
    }
  }
  return out;
}
