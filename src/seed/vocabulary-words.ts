/** Splits a whitespace-separated word list (keeps the vocabularies compact). */
const words = (list: string) => list.trim().split(/\s+/);

export const TAGS: readonly string[] = words(`
  clutch funny fail ace speedrun wholesome rage highlight outplay comeback world-record pog cringe scary lucky
  unlucky fps moba irl music art cosplay esports tournament pro-play strategy tutorial glitch bug exploit one-tap
  headshot no-scope pentakill team-wipe 1v1 1v5 boss-fight no-hit first-try collab reaction chat-moment donation
  raid emotional wtf satisfying skill meme jumpscare roleplay chaos challenge hardcore retro indie new-record throw
  insane`);

export const TAG_COLORS = words("#9146FF #FF6B6B #4ECDC4 #FFD93D #1DB954 #00A8E8 #F72585 #FF9F1C");

export const NAME_PARTS = {
  first: words(`shadow pixel tiny lazy cosmic salty hyper sneaky frosty lucky crimson silent turbo mellow rusty neon
    fuzzy brave sleepy wild golden quantum`),
  second: words(`fox otter ninja panda wizard gamer tiger falcon penguin ghost viking badger dragon koala sniper raven
    noodle goblin moose sloth waffle cactus`),
};

/** Words for Twitch-style clip slugs: AdjectiveAdjectiveAnimalEmote-suffix. */
export const SLUG_WORDS = {
  adjectives: words(`Awkward Helpless Brave Clever Crispy Dark Elegant Fancy Gentle Happy Hilarious Jolly Kind Lively
    Odd Proud Quaint Shy Tangy Wild Zealous`),
  animals: words(`Salamander Otter Penguin Llama Ferret Heron Walrus Badger Lobster Moose Gazelle Koala Narwhal Pigeon
    Quail Raccoon Seal Tapir Yak Zebra`),
  emotes: words(`SwiftRage Kappa PogChamp BibleThump ResidentSleeper DansGame FailFish HeyGuys Kreygasm NotLikeThis
    OpieOP PJSalt SeemsGood TriHard VoHiYo WutFace 4Head`),
};
