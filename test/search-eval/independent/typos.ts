import type { Random } from "../../../src/seed/random";

const ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/** A key next to `ch` on a QWERTY row (`ch` itself when it is not a letter). */
function neighbour(rng: Random, ch: string): string {
  const row = ROWS.find((r) => r.includes(ch.toLowerCase()));
  if (!row) return ch;
  const at = row.indexOf(ch.toLowerCase());
  const options = [row[at - 1], row[at + 1]].filter((c): c is string => c !== undefined);
  return rng.pick(options);
}

/**
 * One typing slip in a word of five or more letters (picked at random), never in its first letter: two letters
 * swapped, one dropped, one doubled, or one replaced by its neighbour on the keyboard. null when no word qualifies.
 */
export function typo(rng: Random, text: string): string | null {
  const words = text.split(" ");
  const candidates = words.flatMap((w, i) => (/^[a-z]{5,}$/i.test(w) ? [i] : []));
  if (candidates.length === 0) return null;
  const i = rng.pick(candidates);
  const w = words[i]!;
  const p = rng.int(1, w.length - 2);
  const dropped = w.slice(0, p) + w.slice(p + 1);
  const slips = [
    w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2),
    dropped,
    w.slice(0, p) + w[p] + w.slice(p),
    w.slice(0, p) + neighbour(rng, w[p]!) + w.slice(p + 1),
  ];
  const slipped = rng.pick(slips);
  words[i] = slipped.toLowerCase() === w.toLowerCase() ? dropped : slipped;
  return words.join(" ");
}
