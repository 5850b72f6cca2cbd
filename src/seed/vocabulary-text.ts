import type { GameKind } from "./vocabulary-games";

/** Title templates per game kind; `{term}` comes from the game, `{n}` and `{who}` from here. */
export const TITLES: Record<GameKind, readonly string[]> = {
  shooter: [
    "insane 1v{n} clutch on {term}",
    "ace on {term} and chat goes silent",
    "the cleanest flick you will see today",
    "whiffed every shot then this happened",
    "{who} hits the shot of the year on {term}",
    "defuse with 0.1 seconds left",
    "pro player reacts to my {term} setup",
    "they did NOT expect the rush on {term}",
  ],
  moba: [
    "{who} steals {term} with a level 1 smite",
    "the 1v{n} outplay at {term}",
    "throwing a 20k gold lead in 40 seconds",
    "pentakill in {term} and the crowd loses it",
    "backdoor win while the team fights at {term}",
    "worst flash in the history of {term}",
  ],
  "battle-royale": [
    "{n} kill squad wipe in {term}",
    "last one alive in {term} with 1 hp",
    "chat witnessed the worst jump ever",
    "no-scope from across {term}",
    "third-partied at {term} for the {n}th time",
    "the comeback nobody believed in",
  ],
  irl: [
    "chat witnessed the worst {term} moment ever",
    "{who} cannot stop laughing at {term}",
    "the cat walked across the keyboard live",
    "reading {term} was a mistake",
    "{who} finds out about the surprise on {term}",
    "mic was on the whole time",
  ],
  souls: [
    "{term} no-hit on the first try",
    "{n} hours on {term} and then this",
    "parried {term} into a one-shot",
    "died to {term} with 1 hp left",
    "the most disrespectful {term} kill",
  ],
  speedrun: [
    "new personal best: {term} in {n} minutes",
    "the {term} trick finally works live",
    "world record pace until {term}",
    "speedrun ends at {term} after {n} resets",
  ],
  sandbox: [
    "{who} gets caught at {term}",
    "chaos at {term} with {n} people",
    "we built this in {n} hours",
    "this {term} plan went perfectly wrong",
    "the funniest fail at {term}",
  ],
  versus: [
    "{who} wins {term} with a last-second move",
    "reverse sweep at {term}",
    "disgusting play in {term}, chat spammed W",
    "{n} seconds left and this happens",
  ],
  misc: [
    "{who} finally gets {term}",
    "{n} attempts at {term} and it pays off",
    "the luckiest {term} you'll ever see",
    "chat predicted {term} perfectly",
    "rage quit after {term}",
  ],
};

/** A few titles in other languages, used for broadcasters who stream in them. */
export const FOREIGN_TITLES: Record<string, readonly string[]> = {
  es: ["jugada increíble en {term}", "el chat no se lo puede creer", "la peor suerte del mundo", "1v{n} épico"],
  fr: ["quelle action sur {term}", "le chat est en PLS", "le pire fail de l'année", "clutch 1v{n} incroyable"],
  de: ["unglaublicher Clutch auf {term}", "der Chat rastet komplett aus", "so ein Pech", "1v{n} im Finale"],
  pt: ["jogada absurda em {term}", "o chat não acreditou", "a pior sorte do mundo", "virada histórica 1v{n}"],
};

export const COMMENTS: readonly string[] = [
  "this is the best clip on the site",
  "how did that even work",
  "I was in chat for this one",
  "LMAO",
  "the timing on this is perfect",
  "no way that was real",
  "clip of the year honestly",
  "chat went crazy",
  "the audio at {n} seconds",
  "that reaction at the end",
  "W streamer",
  "this should be featured",
  "bro really said it with his whole chest",
  "rewatched from {n} seconds like ten times",
  "unreal mechanics",
  "classic {who}",
  "I can't believe he missed that",
  "rent free",
  "ok this one got me",
  "he's actually cracked",
  "this deserves more upvotes",
  "someone make this a meme",
  "sound on for this one",
];

export const REPLIES: readonly string[] = [
  "agreed",
  "fr",
  "same here",
  "nah this is overrated",
  "you must be new here",
  "exactly what I was thinking",
  "this comment is underrated",
  "{who} would never",
  "lol true",
  "source?",
  "+1",
  "I disagree but ok",
];
