import type { Judgments } from "../metrics";
import type { LatentClip } from "./clips";
import { eventById } from "./vocabulary-events";
import type { Reading } from "./vocabulary-queries";

/**
 * The grading rules of RULES.md as code: each query kind turns the latents it targets into a grade per clip.
 * Nothing here looks at an engine's output, and only `exact` looks at a title.
 */
export type Grade = (clip: LatentClip) => number;

const familyOf = (topic: string) => (topic === "none" ? null : eventById(topic).family);
const sameFamily = (clip: LatentClip, event: string) =>
  clip.topic !== event && familyOf(clip.topic) === eventById(event).family;

export const judge = (clips: LatentClip[], grade: Grade): Judgments =>
  Object.fromEntries(clips.map((c) => [c.key, grade(c)]).filter(([, g]) => (g as number) > 0));

/** paraphrase, slang: 3 the event, 1 a sibling event of its family. */
export const byEvent =
  (event: string): Grade =>
  (c) =>
    c.topic === event ? 3 : sameFamily(c, event) ? 1 : 0;

/** non-english: 3 the event in the query's language, 2 the event in another, 1 a sibling event in the language. */
export const byEventInLanguage =
  (event: string, language: string): Grade =>
  (c) => {
    if (c.topic === event) return c.language === language ? 3 : 2;
    return sameFamily(c, event) && c.language === language ? 1 : 0;
  };

/** game: 3 the game. */
export const byGame =
  (game: string): Grade =>
  (c) =>
    c.game_name === game ? 3 : 0;

/** streamer: 3 the broadcaster. */
export const byChannel =
  (channel: string): Grade =>
  (c) =>
    c.broadcaster_name === channel ? 3 : 0;

/** A title's words and numbers, lower case: "THAT read was filthy 💀" and "that read was filthy" are one title. */
export const plainTitle = (title: string) => (title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");

/** exact: 3 the same title (as plainTitle), 2 another clip of the same moment, 1 the same event in the same game. */
export const byTitle =
  (of: LatentClip): Grade =>
  (c) => {
    if (plainTitle(c.title) === plainTitle(of.title)) return 3;
    if (c.moment === of.moment) return 2;
    return c.topic !== "none" && c.topic === of.topic && c.game_name === of.game_name ? 1 : 0;
  };

/**
 * concept+game and streamer+concept (`where` is the game or the broadcaster): 3 both, 1 the event elsewhere or a
 * sibling event in the same place.
 */
export const byEventAt =
  (event: string, where: (c: LatentClip) => boolean): Grade =>
  (c) => {
    if (c.topic === event) return where(c) ? 3 : 1;
    return sameFamily(c, event) && where(c) ? 1 : 0;
  };

/** multi-intent: 3 the event and both other intents, 2 the event and one of them, 1 the event alone. */
export const byEventAndTwo =
  (event: string, first: (c: LatentClip) => boolean, second: (c: LatentClip) => boolean): Grade =>
  (c) => {
    if (c.topic !== event) return 0;
    return 1 + Number(first(c)) + Number(second(c));
  };

const matches = (c: LatentClip, r: Reading) =>
  (r.game === undefined || c.game_name === r.game) &&
  (r.channel === undefined || c.broadcaster_name === r.channel) &&
  (r.event === undefined || c.topic === r.event) &&
  (r.term === undefined || c.term === r.term);

/** short-ambiguous: the grade of the best reading the clip matches (RULES.md lists the readings). */
export const byReadings =
  (readings: Reading[]): Grade =>
  (c) =>
    Math.max(0, ...readings.filter((r) => matches(c, r)).map((r) => r.grade));
