/** Demo games with real-looking Twitch ids; `kind` picks the title templates, `terms` fills their `{term}` slot. */
export type GameKind =
  | "shooter"
  | "moba"
  | "battle-royale"
  | "irl"
  | "souls"
  | "speedrun"
  | "sandbox"
  | "versus"
  | "misc";

export interface GameSpec {
  id: string;
  name: string;
  kind: GameKind;
  terms: readonly string[];
  weight: number;
}

const g = (id: string, name: string, kind: GameKind, weight: number, terms: string[]): GameSpec => ({
  id,
  name,
  kind,
  weight,
  terms,
});

export const GAMES: readonly GameSpec[] = [
  g("509658", "Just Chatting", "irl", 10, ["stream", "the chat", "a donation", "the collab", "the podcast"]),
  g("516575", "VALORANT", "shooter", 9, ["Ascent", "Bind", "Haven", "Split", "Lotus", "Sunset", "the Operator"]),
  g("32399", "Counter-Strike", "shooter", 8, ["Mirage", "Inferno", "Nuke", "Ancient", "Anubis", "the AWP", "B site"]),
  g("21779", "League of Legends", "moba", 8, ["Baron", "dragon pit", "mid lane", "Yasuo", "Lee Sin", "bot lane"]),
  g("33214", "Fortnite", "battle-royale", 7, ["Tilted Towers", "the final circle", "a box fight", "the storm"]),
  g("32982", "Grand Theft Auto V", "sandbox", 7, [
    "the RP server",
    "a police chase",
    "the bank heist",
    "Legion Square",
  ]),
  g("27471", "Minecraft", "sandbox", 6, ["the Ender Dragon", "a creeper", "the Nether", "hardcore", "the base"]),
  g("511224", "Apex Legends", "battle-royale", 6, ["World's Edge", "Kings Canyon", "the ring", "a Kraber"]),
  g("512953", "ELDEN RING", "souls", 6, ["Malenia", "Radahn", "Margit", "Godrick", "the Tree Sentinel"]),
  g("29595", "Dota 2", "moba", 5, ["Roshan", "the ancient", "Pudge", "Invoker", "high ground"]),
  g("515025", "Overwatch 2", "shooter", 5, ["King's Row", "Ilios", "Genji", "a Nano Blade", "overtime"]),
  g("30921", "Rocket League", "versus", 4, ["the ceiling", "overtime", "a flip reset", "the backboard"]),
  g("2692", "Super Mario 64", "speedrun", 3, ["BLJ", "the 16 star", "Bowser in the Sky", "the 120 star"]),
  g("460630", "Hades", "souls", 3, ["Hades", "Theseus", "Elysium", "heat 32", "the Styx"]),
  g("18122", "World of Warcraft", "misc", 4, ["the raid", "Mythic+", "the world first", "arena"]),
  g("138585", "Hearthstone", "misc", 2, ["Battlegrounds", "top deck", "a 1% draw", "lethal"]),
  g("491487", "Dead by Daylight", "misc", 3, ["the hook", "a 4k", "the gate", "the killer"]),
  g("263490", "Rust", "sandbox", 3, ["the raid", "a door camp", "Outpost", "the oil rig"]),
  g("491931", "Escape from Tarkov", "shooter", 3, ["Labs", "Customs", "Reserve", "a Labs keycard", "extract"]),
  g("512710", "Call of Duty: Warzone", "battle-royale", 4, ["Verdansk", "the Gulag", "a buy station", "Rebirth"]),
  g("513143", "Teamfight Tactics", "misc", 2, ["a 3-star", "the carousel", "a loss streak", "top 1"]),
  g("512980", "Fall Guys", "misc", 2, ["the crown", "Hex-A-Gone", "the final round", "Slime Climb"]),
  g("510218", "Among Us", "misc", 2, ["emergency meeting", "electrical", "the vents", "the imposter"]),
  g("743", "Chess", "versus", 3, ["the Bongcloud", "a queen sac", "bullet", "the Sicilian", "time scramble"]),
  g("509660", "Art", "misc", 1, ["the sketch", "the commission", "a speedpaint"]),
  g("26936", "Music", "misc", 2, ["the piano", "the guitar solo", "a chat request", "the drop"]),
  g("518203", "Sports", "versus", 2, ["the final", "overtime", "a penalty", "the buzzer"]),
  g("11557", "The Legend of Zelda: Ocarina of Time", "speedrun", 2, ["ganon", "wrong warp", "the any% run"]),
  g("490147", "Hollow Knight", "souls", 2, ["Radiance", "the Pantheon", "Nightmare King Grimm"]),
  g("31376", "Terraria", "sandbox", 2, ["Moon Lord", "the Wall of Flesh", "master mode"]),
  g("490377", "Sea of Thieves", "sandbox", 2, ["a kraken", "the Reaper's chest", "a sinking ship"]),
  g("459931", "Old School RuneScape", "misc", 3, ["the Inferno", "a pet drop", "the Grand Exchange"]),
  g("29307", "Path of Exile", "misc", 2, ["a mirror drop", "the Uber Elder", "maps"]),
  g("515024", "Diablo IV", "misc", 2, ["Lilith", "the Pit", "a mythic unique", "hardcore"]),
  g("490744", "Stardew Valley", "sandbox", 1, ["the community center", "the mines", "a cow"]),
  g("518184", "Phasmophobia", "misc", 2, ["the ghost", "a hunt", "the basement", "the spirit box"]),
  g("55453844", "Street Fighter 6", "versus", 2, ["Evo", "ranked", "a perfect", "a Level 3"]),
  g("1469308723", "Software and Game Development", "misc", 1, ["prod", "the compiler", "a live bug"]),
  g("491184", "Celeste", "speedrun", 1, ["Farewell", "the golden strawberry", "Chapter 9"]),
  g("1833694612", "Marvel Rivals", "shooter", 3, ["Tokyo 2099", "a team-up", "overtime"]),
];

export const boxArtUrl = (id: string) => `https://static-cdn.jtvnw.net/ttv-boxart/${id}-{width}x{height}.jpg`;

export const gameSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
