import { describe, expect, test } from "bun:test";
import { EnvSchema, loadConfig } from "../src/config";

const lines = (await Bun.file(".env.example").text()).split("\n");
/** `KEY=value` settings, and `# KEY=value` ones shown commented out (no default to repeat). */
const SETTING = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;
const settings = lines.flatMap((line) => {
  const match = SETTING.exec(line.trim());
  return match ? [{ key: match[2]!, value: match[3]!, commented: Boolean(match[1]) }] : [];
});

describe(".env.example", () => {
  test("lists every setting src/config.ts reads, once, and nothing else", () => {
    const keys = settings.map((s) => s.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    expect([...keys].sort()).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  test("the values it sets are the defaults: copied as it is, it configures what an empty environment does", () => {
    const given = Object.fromEntries(settings.filter((s) => !s.commented).map((s) => [s.key, s.value]));
    const secretless = (config: ReturnType<typeof loadConfig>) => ({
      ...config,
      auth: { ...config.auth, jwtSecret: "" },
    });
    expect(secretless(loadConfig(given))).toEqual(secretless(loadConfig({})));
  });
});
