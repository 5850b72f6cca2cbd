import type { Language } from "./vocabulary-channels";

/**
 * Hand-written query texts per event. Paraphrases share no content word with the event's English templates or tags
 * (generate.ts checks); slang and other-language queries are how a viewer would ask, not a title's words.
 */
export interface EventQueries {
  paraphrase: [string, string];
  slang: string[];
  intl: [Exclude<Language, "en">, string][];
}

export const EVENT_QUERIES: Record<string, EventQueries> = {
  clutch: {
    paraphrase: ["sole survivor beats the entire opposing squad", "outnumbered yet victorious"],
    slang: ["ice cold 1v4", "bro is him"],
    intl: [
      ["es", "uno contra todos y gana"],
      ["de", "Einzelkämpfer gewinnt gegen das ganze Team"],
    ],
  },
  "multi-kill": {
    paraphrase: ["eliminating every opponent in a few moments", "wiping all five rivals by myself"],
    slang: ["ran through the whole lobby", "lobby wiped solo"],
    intl: [
      ["pt", "matou o time todo sozinho"],
      ["fr", "massacre de l'équipe ennemie"],
    ],
  },
  outplay: {
    paraphrase: ["outsmarting the rival with flawless technique", "skillful sequence of attacks"],
    slang: ["filthy read", "he got cooked"],
    intl: [
      ["ja", "神コンボ"],
      ["ko", "미친 컨트롤"],
    ],
  },
  comeback: {
    paraphrase: ["losing badly then winning at the end", "recovering from a huge disadvantage to triumph"],
    slang: ["from washed to W", "never count him out"],
    intl: [
      ["es", "remontada épica"],
      ["fr", "retournement de situation incroyable"],
    ],
  },
  "boss-down": {
    paraphrase: ["defeating a tough major foe", "conquering the hardest fight in the game"],
    slang: ["boss got bodied", "humbled the boss"],
    intl: [
      ["de", "Bosskampf gewonnen"],
      ["pt", "derrotou o chefão"],
    ],
  },
  "boss-death": {
    paraphrase: ["killed by the big enemy when it was nearly beaten", "almost won the fight against a giant monster"],
    slang: ["boss diffed him", "skill issue boss"],
    intl: [
      ["ko", "보스한테 아깝게 죽음"],
      ["es", "casi mata al jefe pero muere"],
    ],
  },
  fail: {
    paraphrase: ["embarrassing mistake anyone could avoid", "clumsy error that should never happen"],
    slang: ["massive L", "sold the game"],
    intl: [
      ["fr", "la pire erreur du stream"],
      ["ja", "やらかし"],
    ],
  },
  "friendly-fire": {
    paraphrase: ["hurting your own allies by mistake", "killing the people on your side"],
    slang: ["team killed his own homies", "betrayed the squad lol"],
    intl: [
      ["de", "eigene Teamkameraden erschossen"],
      ["es", "mata a sus compañeros sin querer"],
    ],
  },
  "big-fall": {
    paraphrase: ["tumbling down and having to climb everything again", "a single misstep ruins hours of ascent"],
    slang: ["sent back to spawn", "pain fall"],
    intl: [
      ["pt", "caiu e perdeu tudo"],
      ["ko", "떨어져서 처음부터 다시"],
    ],
  },
  bug: {
    paraphrase: ["software malfunction with hilarious results", "character falling out of the world due to an error"],
    slang: ["game is so broken lol", "devs pls fix"],
    intl: [
      ["ja", "バグで吹っ飛ぶ"],
      ["de", "lustiger Bug im Spiel"],
    ],
  },
  rage: {
    paraphrase: ["furious player blows a fuse", "streamer gets really mad and breaks stuff"],
    slang: ["malding", "tilted off the face of the earth"],
    intl: [
      ["fr", "il pète un câble"],
      ["es", "se enoja y golpea todo"],
    ],
  },
  "jump-scare": {
    paraphrase: ["frightened by a sudden monster", "horror game makes him yell in fear"],
    slang: ["got spooked hard", "shrieked like a kettle"],
    intl: [
      ["ko", "공포게임 깜짝 놀람"],
      ["pt", "susto no jogo de terror"],
    ],
  },
  laugh: {
    paraphrase: ["uncontrollable chuckling", "someone in tears because something is so hilarious"],
    slang: ["I'm dead 💀", "bro can't breathe lmao"],
    intl: [
      ["de", "Lachflash"],
      ["ja", "爆笑シーン"],
    ],
  },
  wholesome: {
    paraphrase: ["touching scene with fans", "sweet gesture from the audience moves the streamer emotionally"],
    slang: ["hits different", "wholesome af"],
    intl: [
      ["es", "momento que da ternura"],
      ["fr", "moment touchant avec les viewers"],
    ],
  },
  lucky: {
    paraphrase: ["fortunate draw against all probability", "incredibly improbable chance pays off"],
    slang: ["rng gods", "insane luck fr"],
    intl: [
      ["pt", "sorte absurda"],
      ["ko", "운 미쳤다"],
    ],
  },
  record: {
    paraphrase: ["quickest completion anyone has achieved", "breaking the speed benchmark"],
    slang: ["cracked run new pb", "speed demon"],
    intl: [
      ["ja", "最速タイム更新"],
      ["de", "neue Bestzeit"],
    ],
  },
  finally: {
    paraphrase: [
      "succeeding at last following countless failures",
      "persistence pays off and the level gets conquered",
    ],
    slang: ["he finally did it", "the grind paid off"],
    intl: [
      ["fr", "il réussit enfin après des heures"],
      ["es", "por fin lo consigue"],
    ],
  },
  "cooking-disaster": {
    paraphrase: ["recipe turns into a catastrophe", "flames in the pan while making dinner"],
    slang: ["chef of disaster", "kitchen nightmare"],
    intl: [
      ["de", "Küchenunfall beim Kochen"],
      ["ja", "料理失敗"],
    ],
  },
  announcement: {
    paraphrase: ["sharing important personal information with viewers", "major change in their personal situation"],
    slang: ["huge news drop", "spilled the tea on his life"],
    intl: [
      ["ko", "중대 발표"],
      ["pt", "grande anúncio"],
    ],
  },
};

/** One reading of a short query: every field given must match; the clip gets the best matching reading's grade. */
export interface Reading {
  grade: 1 | 2 | 3;
  game?: string;
  channel?: string;
  event?: string;
  term?: string;
}

const r = (grade: 1 | 2 | 3, field: "game" | "channel" | "event" | "term", value: string): Reading => ({
  grade,
  [field]: value,
});

export const SHORT_QUERIES: [string, Reading[]][] = [
  ["king", [r(3, "game", "Jump King"), r(2, "channel", "DriftKingDom"), r(1, "term", "the King of Puppets")]],
  ["hunt", [r(3, "game", "Hunt: Showdown 1896"), r(2, "game", "Monster Hunter Wilds")]],
  ["combo", [r(3, "event", "outplay"), r(2, "channel", "ComboCarla"), r(2, "channel", "RoiDuCombo")]],
  ["boss", [r(3, "event", "boss-down"), r(2, "event", "boss-death"), r(1, "channel", "BanchanBoss")]],
  ["drop", [r(3, "event", "lucky"), r(1, "term", "the drop pod")]],
  ["shell", [r(3, "term", "a blue shell"), r(2, "game", "Mario Kart 8 Deluxe")]],
  ["fall", [r(3, "event", "big-fall"), r(1, "event", "fail")]],
  ["scream", [r(3, "event", "jump-scare"), r(2, "event", "rage")]],
  ["pb", [r(3, "event", "record"), r(2, "event", "finally")]],
  ["shiny", [{ grade: 3, event: "lucky", game: "Pokémon Scarlet and Violet" }, r(1, "event", "lucky")]],
  ["gate", [r(3, "game", "Baldur's Gate 3")]],
  ["forest", [r(3, "game", "Sons of the Forest")]],
  ["deep", [r(3, "game", "Deep Rock Galactic")]],
  ["dash", [r(3, "game", "Geometry Dash")]],
  ["up", [r(3, "game", "Only Up!")]],
  ["heart", [r(3, "term", "the Heart"), r(2, "event", "wholesome")]],
  ["wipe", [r(3, "event", "multi-kill"), r(1, "event", "friendly-fire")]],
  ["news", [r(3, "event", "announcement")]],
  ["ramen", [r(3, "term", "the ramen"), r(2, "game", "Food & Drink")]],
  ["truck", [r(3, "game", "Euro Truck Simulator 2")]],
  ["road", [r(3, "term", "Rainbow Road"), r(1, "game", "Euro Truck Simulator 2")]],
  ["smash", [r(3, "game", "Super Smash Bros. Ultimate"), r(2, "term", "a Heat Smash")]],
  ["mk", [r(3, "game", "Mario Kart 8 Deluxe"), r(3, "game", "Mortal Kombat 1")]],
  ["jin", [r(3, "term", "Jin"), r(2, "game", "TEKKEN 8")]],
  ["titan", [r(3, "term", "a Bile Titan"), r(2, "game", "HELLDIVERS 2")]],
  ["queen", [r(3, "channel", "QuotaQueen")]],
];

/** Nothing in the corpus answers these: they measure how much a mode returns when it should return nothing. */
export const OFF_TOPIC = [
  "tax return deadline",
  "how to fix a leaking faucet",
  "wedding dress shopping",
  "mortgage interest rates",
  "tomato plant diseases",
  "bicycle tire repair",
  "opera singer vibrato",
  "oil painting landscape",
  "yoga for back pain",
  "quarterly earnings call",
  "dentist appointment",
  "gardening compost",
];
