import type { Random } from "../../../src/seed/random";
import type { EvalQuery } from "../corpus";

/** A query before it gets its id and split. */
export type Draft = Omit<EvalQuery, "id" | "split">;

/** The first `n` items of a seeded shuffle, at most `perGroup` from each group, so no event dominates a kind. */
export function spread<T>(rng: Random, items: T[], n: number, groupOf: (item: T) => string, perGroup: number): T[] {
  const order = items.map((item) => ({ item, r: rng.next() })).sort((a, b) => a.r - b.r);
  const used = new Map<string, number>();
  const out: T[] = [];
  for (const { item } of order) {
    if (out.length === n) break;
    const group = groupOf(item);
    if ((used.get(group) ?? 0) >= perGroup) continue;
    used.set(group, (used.get(group) ?? 0) + 1);
    out.push(item);
  }
  return out;
}
