import type { Genre } from "./vocabulary-games";

/**
 * What happens in a moment. Families group related events: a clip of a sibling event is grade 1 for an event query.
 * `en` and `slang` are title templates ({who} broadcaster, {term} a game term, {n} 2–5, {N} a bigger number);
 * `keys` are the short words a searcher types for the event; `tags` are the slugs a clipper may add.
 */
export type Family = "combat" | "boss" | "mishap" | "reaction" | "milestone" | "irl";

export interface GameEvent {
  id: string;
  family: Family;
  genres: Genre[];
  /** Only these games (by name), when the genre is too broad. */
  games?: string[];
  /** Relative frequency among a game's events. */
  weight: number;
  en: string[];
  slang: string[];
  tags: string[];
  keys: string[];
}

const ev = (id: string, family: Family, genres: string, e: Omit<GameEvent, "id" | "family" | "genres">): GameEvent => ({
  id,
  family,
  genres: genres.split(" ") as Genre[],
  ...e,
});

export const EVENTS: readonly GameEvent[] = [
  ev("clutch", "combat", "tactical royale sports cards", {
    weight: 2,
    en: [
      "last one standing and {who} still takes it",
      "{who} holds {term} alone against {n}",
      "down to a single life and it still goes our way",
      "{n} of them against one and the one comes out on top",
      "{who} with the round-saving clutch on {term}",
      "{who} pulls off a 1v{n} clutch for the match",
    ],
    slang: ["bro did not fold 1v{n}", "{who} stayed locked in when it mattered", "ice in the veins on {term} no cap"],
    tags: ["1vx", "last-alive", "clutch-moment"],
    keys: ["clutch", "1v4 clutch"],
  }),
  ev("multi-kill", "combat", "tactical royale coop", {
    weight: 2,
    en: [
      "{who} takes out the entire enemy team on {term}",
      "{n} down in {N} seconds flat",
      "one spray, whole squad deleted",
      "the full team goes down to one grenade",
      "{n}-man multikill from {who}",
      "killstreak of {N} on {term}",
    ],
    slang: ["{who} just deleted the lobby", "mans ran through all {n} of them", "absolute massacre on {term} lmao"],
    tags: ["multikill", "killstreak", "full-wipe"],
    keys: ["multikill", "killstreak"],
  }),
  ev("outplay", "combat", "fighting racing sports", {
    weight: 2,
    en: [
      "{who} lands a {N}-hit combo on {term}",
      "read the opponent perfectly and punished it",
      "impossible line through {term}",
      "hands of a surgeon on {term}",
      "outplay of the week by {who} on {term}",
      "{who} outplays the whole lobby",
    ],
    slang: ["{who} cooked him on {term}", "diff. pure diff", "that read was filthy"],
    tags: ["combo", "mechanics", "outplayed"],
    keys: ["combo", "outplay"],
  }),
  ev("comeback", "combat", "fighting racing sports cards", {
    weight: 2,
    en: [
      "down {n}-0 and {who} turns it around",
      "from dead last to first on {term}",
      "nobody believed, then the reversal happened",
      "{who} climbs back from a {N} point deficit",
      "the comeback from {n} rounds down",
      "{who} mounts a comeback on {term}",
    ],
    slang: [
      "the turnaround arc on {term}",
      "{who} said not today and flipped it",
      "they were washed and came back anyway",
    ],
    tags: ["comeback-win", "turnaround", "reversal"],
    keys: ["comeback", "turnaround"],
  }),
  ev("boss-down", "boss", "soulslike rpg coop", {
    weight: 2,
    en: [
      "{who} topples {term}",
      "{term} is dead and the chat erupts",
      "perfect parry sequence ends {term}",
      "{who} takes down {term} at low health",
      "{who} beats the boss on a sliver of health",
      "{term} boss kill, {who} stays calm",
    ],
    slang: ["{term} got absolutely bodied", "{who} humbled {term} ez", "sent {term} packing"],
    tags: ["boss-kill", "bossfight-win", "victory"],
    keys: ["boss kill", "beats the boss"],
  }),
  ev("boss-death", "boss", "soulslike rpg", {
    weight: 2,
    en: [
      "{term} one more hit and {who} dies",
      "so close on {term}, it had a pixel left",
      "{who} gets flattened by {term} phase two",
      "greedy heal, instant death to {term}",
      "boss death number {N} on {term}",
      "{who} dies to the boss right at the finish",
    ],
    slang: ["{term} said no and {who} got folded", "skill issue vs {term}", "{term} diffed him in phase 2"],
    tags: ["boss-death", "so-close", "phase-two"],
    keys: ["dies to boss", "boss death"],
  }),
  ev("fail", "mishap", "racing sports sim tactical royale rhythm", {
    weight: 1,
    en: [
      "{who} misses the easiest shot of all time",
      "drives straight into {term}",
      "scores on his own net",
      "trips on the tutorial part of {term}",
      "fail of the year from {who}",
      "{who}'s blunder on {term} costs the game",
    ],
    slang: ["biggest L of the stream", "{who} sold so hard on {term}", "throwing is an art form"],
    tags: ["blunder", "epic-fail", "misplay"],
    keys: ["fail", "blunder"],
  }),
  ev("friendly-fire", "mishap", "coop tactical", {
    weight: 3,
    en: [
      "{who} blows up the whole team with {term}",
      "accidentally shoots a teammate at the worst time",
      "orbital strike lands right on the squad",
      "{who} betrays the team on {term}",
      "friendly fire wipes the squad on {term}",
      "{who} teamkills at the worst moment",
    ],
    slang: ["friendly fire isn't", "{who} really said teamwork is optional", "sorry bro, wrong target"],
    tags: ["friendly-fire", "teamkill", "betrayal"],
    keys: ["friendly fire", "teamkill"],
  }),
  ev("big-fall", "mishap", "platform", {
    weight: 3,
    en: [
      "{who} loses {N} minutes of progress in one slip",
      "falls all the way back to {term}",
      "one wrong jump sends {who} to the very bottom",
      "the fall that undid the whole stream",
      "the fall from {term} costs {who} the evening",
      "{who} falls and loses all progress",
    ],
    slang: ["{who} got sent back to spawn, pain", "gravity diff", "down bad after that drop on {term}"],
    tags: ["fell", "lost-progress", "pain"],
    keys: ["fall", "lost all progress"],
  }),
  ev("bug", "mishap", "rpg coop sim horror royale racing", {
    weight: 0.6,
    en: [
      "{term} clips through the floor and flies away",
      "the engine decides {who} should orbit the map",
      "{who} gets stuck inside {term}",
      "the game breaks in the funniest way",
      "weird glitch launches {who} into the sky",
      "bugged {term} makes the run impossible",
    ],
    slang: ["the devs did not test this lol", "{who} found a new dimension on {term}", "game said nah and broke"],
    tags: ["glitched", "broken-game", "physics"],
    keys: ["glitch", "bug"],
  }),
  ev("rage", "reaction", "platform fighting sports racing soulslike cards", {
    weight: 1,
    en: [
      "{who} slams the desk after {term}",
      "controller goes flying across the room",
      "{who} ends the stream mid-sentence",
      "the meltdown after losing to {term} again",
      "{who} rages at {term}",
      "tilted after losing {n} in a row",
    ],
    slang: ["{who} is tilted beyond repair", "malding on {term}", "not the keyboard again bro"],
    tags: ["tilted", "meltdown", "angry"],
    keys: ["rage", "tilted"],
  }),
  ev("jump-scare", "reaction", "horror", {
    weight: 3,
    en: [
      "{who} screams at {term}",
      "{term} appears out of nowhere and {who} falls off the chair",
      "headset thrown in pure terror",
      "heart rate monitor spikes at {term}",
      "jumpscare at {term} gets {who}",
      "worst jumpscare of the night",
    ],
    slang: ["{who} hit a new octave", "the scream at {term} is sending me", "bro jumped out of his skin"],
    tags: ["spooked", "terror", "screaming"],
    keys: ["jumpscare", "scream"],
  }),
  ev("laugh", "reaction", "tactical royale coop soulslike rpg horror platform fighting racing sports cards sim irl", {
    weight: 0.4,
    en: [
      "{who} cannot breathe from laughing",
      "crying with laughter over {term}",
      "the wheeze that ended the stream",
      "{who} laughs for a full minute straight",
      "funniest moment of the stream with {who}",
      "{who} laughing at {term} for ages",
    ],
    slang: ["{who} is dead 💀", "I'm crying bro, {term}", "bro is wheezing"],
    tags: ["lmao", "laughing", "wheeze"],
    keys: ["laughing", "funny"],
  }),
  ev("wholesome", "irl", "irl sim rpg", {
    weight: 1,
    en: [
      "a viewer's message makes {who} tear up",
      "{who}'s grandma joins the stream",
      "chat raises money for {who}'s dog surgery",
      "a kid's drawing of {who} arrives in the mail",
      "wholesome moment with {who}'s chat",
      "heartwarming surprise for {who}",
    ],
    slang: ["this one hits different", "protect {who} at all costs", "the feels are real"],
    tags: ["heartwarming", "feels", "community"],
    keys: ["wholesome", "heartwarming"],
  }),
  ev("lucky", "milestone", "cards rpg sports racing", {
    weight: 2,
    en: [
      "{who} pulls {term} with the very first pack",
      "the odds were one in {N} and it hit",
      "ridiculous luck with {term}",
      "{who} gets the perfect roll",
      "the luck with {term} saves the run",
      "{who} gets so lucky with {term}",
    ],
    slang: ["rng carried {who}", "the luck on this man", "blessed by the rng gods on {term}"],
    tags: ["rng", "jackpot", "lucky-pull"],
    keys: ["lucky", "rng"],
  }),
  ev("record", "milestone", "platform rhythm racing", {
    weight: 2,
    en: [
      "{who} shaves {n} seconds off the best time on {term}",
      "fastest ever run on {term}",
      "number one on the {term} leaderboard",
      "{who} beats the top time in the world",
      "record run on {term} by {who}",
      "{who} sets the record on {term}",
    ],
    slang: ["new pb lets gooo", "{who} is built different on {term}", "that run was nasty"],
    tags: ["pb", "leaderboard", "fastest"],
    keys: ["pb", "record run"],
  }),
  ev("finally", "milestone", "platform rhythm cards", {
    weight: 2,
    en: [
      "{who} clears {term} after {N} deaths",
      "{who} beats {term} after a week of trying",
      "the moment {term} is finally done",
      "the run is complete, {N} hours in",
      "{who} finally beats {term}",
      "completed {term} after {N} tries",
    ],
    slang: ["{who} actually did it, no way", "he finally ate", "years of pain paid off"],
    tags: ["completed", "gg", "beaten"],
    keys: ["finally beats", "completed"],
  }),
  ev("cooking-disaster", "irl", "irl", {
    games: ["Food & Drink"],
    weight: 3,
    en: [
      "{who} sets {term} on fire",
      "the smoke alarm goes off during {term}",
      "{term} collapses live on camera",
      "{who} mixes up salt and sugar",
      "cooking fail: burnt {term}",
      "{who}'s cooking goes up in smoke",
    ],
    slang: ["{who} cannot be trusted near a stove", "gordon would cry", "the kitchen is cooked, literally"],
    tags: ["kitchen-fire", "burnt", "cooking-fail"],
    keys: ["cooking fail", "burnt food"],
  }),
  ev("announcement", "irl", "irl", {
    weight: 2,
    en: [
      "{who} reveals big news to the chat",
      "{who} announces the move to a new city",
      "surprise: {who} is engaged",
      "{who} tells chat about the new job",
      "big announcement from {who}",
      "{who}'s announcement leaves chat speechless",
    ],
    slang: ["{who} dropped the news out of nowhere", "chat was not ready for this", "big life update"],
    tags: ["news", "life-update", "reveal"],
    keys: ["announcement", "big news"],
  }),
];

export const eventById = (id: string): GameEvent => {
  const found = EVENTS.find((e) => e.id === id);
  if (!found) throw new Error(`unknown event ${id}`);
  return found;
};
