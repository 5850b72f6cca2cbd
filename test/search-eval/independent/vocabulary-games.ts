/**
 * Games of the independent eval set: none of them is in the seed generator or in the first eval set. `aliases` are
 * what people type for the game; `terms` are maps, bosses, characters and items a title may name.
 */
export type Genre =
  | "tactical"
  | "royale"
  | "coop"
  | "soulslike"
  | "rpg"
  | "horror"
  | "platform"
  | "fighting"
  | "racing"
  | "sports"
  | "cards"
  | "rhythm"
  | "sim"
  | "irl";

export interface Game {
  name: string;
  genre: Genre;
  aliases: string[];
  terms: string[];
}

const game = (name: string, genre: Genre, aliases: string[], terms: string[]): Game => ({
  name,
  genre,
  aliases,
  terms,
});

export const GAMES: readonly Game[] = [
  game(
    "Tom Clancy's Rainbow Six Siege",
    "tactical",
    ["rainbow six siege", "r6 siege", "r6s"],
    ["Oregon", "Clubhouse", "a thermite charge", "the hatch"],
  ),
  game("Hunt: Showdown 1896", "tactical", ["hunt showdown"], ["Mammon's Gulch", "the bounty", "the Butcher"]),
  game("THE FINALS", "tactical", ["the finals"], ["the cashout", "Monaco", "the vault", "Seoul"]),
  game("Deadlock", "tactical", ["deadlock"], ["the Patron", "the mid boss", "the urn"]),
  game(
    "PUBG: BATTLEGROUNDS",
    "royale",
    ["pubg", "battlegrounds"],
    ["Erangel", "Miramar", "the blue zone", "a flare gun"],
  ),
  game(
    "HELLDIVERS 2",
    "coop",
    ["helldivers 2", "hd2"],
    ["a 500kg bomb", "the Automatons", "a Bile Titan", "the Terminids"],
  ),
  game("Deep Rock Galactic", "coop", ["deep rock galactic", "drg"], ["Bosco", "a Dreadnought", "the drop pod", "Karl"]),
  game("Valheim", "coop", ["valheim"], ["the Elder", "a troll", "the longship", "Moder"]),
  game("Palworld", "coop", ["palworld"], ["a Jetragon", "Lamball", "an Alpha Pal", "the base"]),
  game("Satisfactory", "sim", ["satisfactory"], ["the Space Elevator", "a conveyor belt", "nuclear power"]),
  game(
    "Lies of P",
    "soulslike",
    ["lies of p"],
    ["Laxasia", "the King of Puppets", "Simon Manus", "the Nameless Puppet"],
  ),
  game(
    "Black Myth: Wukong",
    "soulslike",
    ["wukong", "black myth wukong"],
    ["Erlang Shen", "Yellowbrow", "Tiger Vanguard"],
  ),
  game("Cuphead", "soulslike", ["cuphead"], ["the Devil", "King Dice", "Dr. Kahl's Robot", "Cala Maria"]),
  game(
    "Monster Hunter Wilds",
    "soulslike",
    ["monster hunter wilds", "mh wilds"],
    ["Arkveld", "Rey Dau", "a Great Sword"],
  ),
  game("Baldur's Gate 3", "rpg", ["baldurs gate 3", "bg3"], ["Astarion", "Shadowheart", "the owlbear", "Karlach"]),
  game(
    "Genshin Impact",
    "rpg",
    ["genshin", "genshin impact"],
    ["the banner", "Furina", "the Spiral Abyss", "a 5-star"],
  ),
  game(
    "Pokémon Scarlet and Violet",
    "rpg",
    ["pokemon scarlet", "pokemon violet"],
    ["a Tera Raid", "Koraidon", "the Elite Four"],
  ),
  game("The Outlast Trials", "horror", ["outlast trials"], ["Mother Gooseberry", "the police station", "Coyle"]),
  game("Sons of the Forest", "horror", ["sons of the forest"], ["the cannibals", "Kelvin", "Virginia", "the cave"]),
  game(
    "Five Nights at Freddy's: Security Breach",
    "horror",
    ["fnaf security breach", "fnaf"],
    ["Montgomery Gator", "Vanny", "the daycare"],
  ),
  game("R.E.P.O.", "horror", ["repo", "r.e.p.o"], ["the extraction point", "a Huntsman", "the cart"]),
  game("Content Warning", "horror", ["content warning"], ["the diving bell", "the camera", "SpookTube"]),
  game(
    "Getting Over It with Bennett Foddy",
    "platform",
    ["getting over it"],
    ["the orange hell", "the anvil", "the chimney"],
  ),
  game("Only Up!", "platform", ["only up"], ["the train", "the balloon", "the pipes"]),
  game("Jump King", "platform", ["jump king"], ["the Bog", "the Old Man", "the Great Frontier"]),
  game("Geometry Dash", "platform", ["geometry dash"], ["Bloodbath", "Tartarus", "the wave section"]),
  game("Chained Together", "platform", ["chained together"], ["the lava", "the ice level", "the ladder"]),
  game("TEKKEN 8", "fighting", ["tekken 8", "tekken"], ["Jin", "Reina", "a Heat Smash", "God of Destruction rank"]),
  game(
    "Super Smash Bros. Ultimate",
    "fighting",
    ["smash ultimate", "ssbu"],
    ["Final Destination", "the ledge", "Sephiroth"],
  ),
  game("Mortal Kombat 1", "fighting", ["mortal kombat 1", "mk1"], ["a fatality", "Scorpion", "a Kameo"]),
  game("Mario Kart 8 Deluxe", "racing", ["mario kart", "mk8dx"], ["Rainbow Road", "a blue shell", "Moo Moo Meadows"]),
  game("Forza Horizon 5", "racing", ["forza horizon 5", "fh5"], ["the Goliath", "a Koenigsegg", "the volcano"]),
  game("Trackmania", "racing", ["trackmania"], ["an author medal", "the Weekly Shorts", "Cup of the Day"]),
  game("EA Sports FC 25", "sports", ["fc 25", "ea fc"], ["Ultimate Team", "Weekend League", "the 90th minute"]),
  game("NBA 2K25", "sports", ["nba 2k25", "2k25"], ["the Park", "a green release", "MyCareer"]),
  game("Balatro", "cards", ["balatro"], ["a Blueprint joker", "ante 8", "the Plasma Deck", "a Flush Five"]),
  game("Slay the Spire", "cards", ["slay the spire"], ["the Heart", "Ascension 20", "Time Eater"]),
  game("Marvel Snap", "cards", ["marvel snap"], ["Infinite rank", "Galactus", "a cube double"]),
  game("osu!", "rhythm", ["osu"], ["a 7-star map", "HDDT", "a 1000pp play"]),
  game("Beat Saber", "rhythm", ["beat saber"], ["Expert+", "a 400 bpm map", "the walls"]),
  game(
    "Euro Truck Simulator 2",
    "sim",
    ["euro truck simulator", "ets2"],
    ["the A1 autobahn", "the ferry", "a double trailer"],
  ),
  game("PowerWash Simulator", "sim", ["powerwash simulator"], ["the skatepark", "the Mars rover", "the playground"]),
  game("Food & Drink", "irl", ["food and drink", "cooking stream"], ["the ramen", "a souffle", "the grill", "a wok"]),
  game(
    "Travel & Outdoors",
    "irl",
    ["travel stream", "irl travel"],
    ["the night market", "the subway", "a mountain hike"],
  ),
];

export const gameNamed = (name: string): Game => {
  const found = GAMES.find((g) => g.name === name);
  if (!found) throw new Error(`unknown game ${name}`);
  return found;
};
