import { describe, expect, test } from "bun:test";
import { Random } from "../../../src/seed/random";
import { RELEVANT_FROM } from "../metrics";
import { buildSet, json } from "./build";
import type { LatentClip } from "./clips";
import { byEventAndTwo, byEventInLanguage, byReadings, byTitle } from "./grades";
import { typo } from "./typos";

const clip = (over: Partial<LatentClip>): LatentClip => ({
  key: "k",
  title: "a title",
  game_name: "Balatro",
  broadcaster_name: "PaperCrane_",
  creator_name: "lurker_lou",
  tags: [],
  language: "en",
  vote_score: 1,
  created_offset_hours: 1,
  topic: "lucky",
  moment: "m1",
  term: null,
  style: "plain",
  ...over,
});

describe("independent eval set", () => {
  const built = buildSet();

  test("the committed corpus.json and queries.json are what the generator writes", async () => {
    expect(await Bun.file(`${import.meta.dir}/corpus.json`).text()).toBe(`${json({ clips: built.clips })}\n`);
    expect(await Bun.file(`${import.meta.dir}/queries.json`).text()).toBe(`${json({ queries: built.queries })}\n`);
  });

  test("the size the issue asks for, every graded query answered, each kind split in halves", () => {
    const graded = built.queries.filter((q) => q.kind !== "off-topic");
    expect(built.clips.length).toBeGreaterThanOrEqual(1500);
    expect(graded.length).toBeGreaterThanOrEqual(250);
    expect(new Set(graded.map((q) => q.kind)).size).toBe(11);
    for (const q of graded) expect(Object.values(q.judgments).some((g) => g >= RELEVANT_FROM)).toBe(true);
    for (const kind of new Set(built.queries.map((q) => q.kind))) {
      const of = built.queries.filter((q) => q.kind === kind);
      const heldout = of.filter((q) => q.split === "heldout").length;
      expect(Math.abs(of.length - 2 * heldout)).toBeLessThanOrEqual(1);
    }
  });
});

describe("grading rules", () => {
  test("non-english: the event in the language 3, elsewhere 2, a sibling in the language 1", () => {
    const grade = byEventInLanguage("lucky", "de");
    expect(grade(clip({ language: "de" }))).toBe(3);
    expect(grade(clip({ language: "fr" }))).toBe(2);
    expect(grade(clip({ topic: "record", language: "de" }))).toBe(1);
    expect(grade(clip({ topic: "record", language: "fr" }))).toBe(0);
    expect(grade(clip({ topic: "none", language: "de" }))).toBe(0);
  });

  test("exact: the same title whatever its case and emoji 3, the moment 2, event and game 1", () => {
    const grade = byTitle(clip({ title: "that read was filthy" }));
    expect(grade(clip({ title: "THAT read was filthy 💀", moment: "m9" }))).toBe(3);
    expect(grade(clip({ title: "another", moment: "m1" }))).toBe(2);
    expect(grade(clip({ title: "another", moment: "m9" }))).toBe(1);
    expect(grade(clip({ title: "another", moment: "m9", game_name: "osu!" }))).toBe(0);
  });

  test("multi-intent counts the intents met beside the event; short queries take the best reading", () => {
    const grade = byEventAndTwo(
      "lucky",
      (c) => c.game_name === "Balatro",
      (c) => c.language === "de",
    );
    expect(
      [clip({ language: "de" }), clip({}), clip({ game_name: "osu!" }), clip({ topic: "rage" })].map(grade),
    ).toEqual([3, 2, 1, 0]);
    const short = byReadings([
      { grade: 3, event: "boss-down" },
      { grade: 1, channel: "PaperCrane_" },
    ]);
    expect([clip({ topic: "boss-down" }), clip({}), clip({ broadcaster_name: "x" })].map(short)).toEqual([3, 1, 0]);
  });

  test("a typo changes one word of five letters or more, never its first letter", () => {
    const rng = new Random(7);
    for (let i = 0; i < 200; i++) {
      const slipped = typo(rng, "deep rock galactic multikill")!;
      const changed = slipped.split(" ").filter((w, j) => w !== "deep rock galactic multikill".split(" ")[j]);
      expect(changed).toHaveLength(1);
      expect(["g", "m"]).toContain(changed[0]!.charAt(0));
    }
    expect(typo(rng, "pb mk")).toBeNull();
  });
});
