/**
 * Writes the independent eval set: `bun run test/search-eval/independent/generate.ts`. Deterministic (fixed seeds,
 * no clock): running it again gives byte-identical corpus.json and queries.json. Grades follow RULES.md from the
 * generator's latents; it fails when a paraphrase shares a word with its event's titles or tags, or a judged query
 * has no clip of grade 2 or more.
 */
import { buildSet, json, stats } from "./build";

const { clips, queries } = buildSet();
await Bun.write(`${import.meta.dir}/corpus.json`, `${json({ clips })}\n`);
await Bun.write(`${import.meta.dir}/queries.json`, `${json({ queries })}\n`);
console.log(stats(clips, queries).join("\n"));
