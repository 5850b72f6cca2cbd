import type { UserRole } from "../db/schema";
import type { Random } from "./random";
import { DAY, type GameRow, iso, type KarmaRow, type TagRow, type UserRow } from "./rows";
import { boxArtUrl, GAMES, type GameSpec, gameSlug } from "./vocabulary-games";
import { NAME_PARTS, TAG_COLORS, TAGS } from "./vocabulary-words";

export const E2E_USERS: readonly { username: string; displayName: string; role: UserRole; twitchId: string }[] = [
  { username: "user1_e2e", displayName: "E2E User 1", role: "user", twitchId: "90000001" },
  { username: "mod1_e2e", displayName: "E2E Moderator 1", role: "moderator", twitchId: "90000002" },
  { username: "admin1_e2e", displayName: "E2E Admin 1", role: "admin", twitchId: "90000003" },
];

export interface Channel {
  id: string;
  name: string;
  language: string;
  games: GameSpec[];
}

const BIOS = ["just here for the clips", "variety enjoyer", "certified lurker", "I clip, therefore I am", null, null];
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A handle like `sneaky_otter42`; `taken` keeps them unique case-insensitively. */
function handle(rng: Random, taken: Set<string>, separator: string): string {
  for (;;) {
    const name = `${rng.pick(NAME_PARTS.first)}${separator}${rng.pick(NAME_PARTS.second)}${rng.int(1, 9999)}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

export function generateUsers(rng: Random, count: number, now: number): { users: UserRow[]; karma: KarmaRow[] } {
  const taken = new Set(E2E_USERS.map((u) => u.username));
  const users: UserRow[] = [];
  const make = (username: string, displayName: string, role: UserRole, twitchId: string, e2e: boolean) => {
    const created = now - (e2e ? 400 * DAY : rng.int(130, 400) * DAY + rng.int(0, DAY));
    const banned = !e2e && rng.chance(0.01);
    users.push({
      id: rng.uuid(),
      twitch_id: twitchId,
      username,
      display_name: displayName,
      email: `${username.toLowerCase()}@example.com`,
      avatar_url: `https://static-cdn.jtvnw.net/jtv_user_pictures/${rng.uuid()}-profile_image-300x300.png`,
      bio: e2e ? `Seeded ${role} account for end-to-end tests` : rng.pick(BIOS),
      role: e2e || rng.chance(0.99) ? role : "moderator",
      is_verified: !e2e && rng.chance(0.05),
      is_banned: banned,
      ban_reason: banned ? "spam" : null,
      karma_points: 0,
      created_at: iso(created),
      updated_at: iso(created),
      last_login_at: iso(now - rng.int(0, 30 * DAY)),
    });
  };
  for (const u of E2E_USERS) make(u.username, u.displayName, u.role, u.twitchId, true);
  for (let i = 0; i < count; i++) {
    const name = handle(rng, taken, "_");
    const display = name.split("_").map(capitalize).join("");
    make(name, display, "user", String(110_000_000 + i * 1000 + rng.int(0, 999)), false);
  }
  const karma = users.map((u) => ({
    id: rng.uuid(),
    user_id: u.id,
    amount: 100,
    source: "initial" as const,
    source_id: null,
    created_at: u.created_at,
  }));
  return { users, karma };
}

export function generateGames(rng: Random): GameRow[] {
  return GAMES.map((game) => ({
    id: rng.uuid(),
    twitch_game_id: game.id,
    name: game.name,
    slug: gameSlug(game.name),
    box_art_url: boxArtUrl(game.id),
  }));
}

export function generateTags(rng: Random): TagRow[] {
  return TAGS.map((name) => ({
    id: rng.uuid(),
    name,
    slug: name,
    description: `Clips tagged ${name.replaceAll("-", " ")}`,
    color: rng.pick(TAG_COLORS),
    usage_count: 0,
  }));
}

/** Weighted pick over the games' `weight`. */
export function pickGame(rng: Random): GameSpec {
  let roll = rng.next() * GAMES.reduce((sum, g) => sum + g.weight, 0);
  for (const game of GAMES) {
    roll -= game.weight;
    if (roll < 0) return game;
  }
  return GAMES[0]!;
}

/** Broadcasters (and, with the same shape, the accounts that cut clips): a handle, a language, 1–3 games. */
export function generateChannels(rng: Random, count: number, idBase: number): Channel[] {
  const taken = new Set<string>();
  const languages = ["es", "fr", "de", "pt"];
  return Array.from({ length: count }, (_, i) => ({
    id: String(idBase + i * 977 + rng.int(0, 976)),
    name: handle(rng, taken, rng.pick(["", "_", "tv"])),
    language: rng.chance(0.85) ? "en" : rng.pick(languages),
    games: Array.from({ length: rng.int(1, 3) }, () => pickGame(rng)),
  }));
}

export function shuffle<T>(rng: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
