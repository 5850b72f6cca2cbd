/** Rank names by karma (anchor §7), highest threshold first. */
const RANKS = [
  { min: 10_000, name: "Legend" },
  { min: 5_000, name: "Veteran" },
  { min: 1_000, name: "Contributor" },
  { min: 500, name: "Regular" },
  { min: 100, name: "Member" },
] as const;

export function userRankName(karma: number): string {
  return RANKS.find((r) => karma >= r.min)?.name ?? "Newcomer";
}
