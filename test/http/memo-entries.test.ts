import { describe, expect, test } from "bun:test";
import { createMemoEntries, type MemoEntry } from "../../src/http/memo-entries";

/** The response memo's entry table on a clock of its own: TTL, one rebuild past it, token expiry, byte budget. */
function entry(over: Partial<MemoEntry> = {}): MemoEntry {
  const headers = new Headers({ "Content-Type": "application/json" });
  const base = { dependsOn: ["feeds"], route: "/r", versions: ["v1"], body: new Uint8Array(100) };
  return { ...base, headers, etag: null, ...over };
}

function table(budget = 1_000_000) {
  let clock = 1_000_000;
  const entries = createMemoEntries(budget, () => clock);
  return { entries, advance: (ms: number) => (clock += ms) };
}

const current = () => true;

describe("memo entries", () => {
  test("replayed within the TTL; past it the first request rebuilds while the others are answered for a second", () => {
    const { entries, advance } = table();
    entries.put("k", entry({ ttlMs: 2_000 }));
    expect(entries.replayable("k", current)).toBeDefined();
    advance(2_000);
    expect(entries.replayable("k", current)).toBeUndefined();
    expect(entries.replayable("k", current)).toBeDefined();
    advance(1_000);
    expect(entries.replayable("k", current)).toBeUndefined();
    expect(entries.replayable("k", current)).toBeUndefined();
  });

  test("an entry whose versions moved is dropped, however fresh", () => {
    const { entries } = table();
    entries.put("k", entry());
    expect(entries.replayable("k", () => false)).toBeUndefined();
    expect(entries.replayable("k", current)).toBeUndefined();
  });

  test("a caller's entry ends with its token, with no grace", () => {
    const { entries, advance } = table();
    entries.put("k", entry({ ttlMs: 60_000, caller: { userId: "u", until: 1_000_000 + 5_000 } }));
    advance(4_999);
    expect(entries.replayable("k", current)).toBeDefined();
    advance(1);
    expect(entries.replayable("k", current)).toBeUndefined();
    expect(entries.replayable("k", current)).toBeUndefined();
  });

  test("past the byte budget the oldest entries go first (each counts ~2 KB besides its body)", () => {
    const { entries } = table(7_000);
    for (const key of ["a", "b", "c"]) entries.put(key, entry({ body: new Uint8Array(1_000) }));
    expect(entries.replayable("a", current)).toBeUndefined();
    expect(entries.replayable("b", current)).toBeDefined();
    expect(entries.replayable("c", current)).toBeDefined();
  });
});
