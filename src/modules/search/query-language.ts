import { foldText } from "./intent";

/**
 * The language a query is written in, when it tells: kana or Hangul, or the common words and letters only one of
 * the languages clips here come in writes ("avec les", "y", "jogo", "neue", "ñ"). Words English writes too ("no",
 * "sus", "die") are left out; English, and whatever the lists do not settle, is undefined and prefers no language.
 * Someone who writes in Spanish is shown Spanish clips first; a query that names a language ("… auf deutsch") is
 * intent.ts `namedLanguage`, which counts more.
 */
const TELLING_WORDS: Record<string, string[]> = {
  es: ["el", "los", "las", "y", "del", "con", "su", "por", "para", "una", "muy", "pero", "como", "todo", "nunca"],
  pt: ["o", "os", "e", "dos", "das", "com", "sem", "uma", "nao", "jogo", "muito", "pra", "ele", "ela", "voce"],
  fr: ["le", "les", "et", "du", "des", "avec", "il", "elle", "est", "une", "pour", "au", "aux", "tres", "pas"],
  de: ["der", "das", "und", "mit", "ohne", "ein", "eine", "ist", "nicht", "auf", "von", "zu", "neue", "beim"],
};
/** Letters (before accents are folded) that only one of these languages writes. */
const LETTERS: [RegExp, string][] = [
  [/[ñ¿¡]/, "es"],
  [/[ãõ]/, "pt"],
  [/[èêëàâîôûœç]/, "fr"],
  [/[äöüß]/, "de"],
];
const KANA = /[\u3040-\u30ff]/;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/;

const LANGUAGE_OF_WORD = new Map<string, string[]>();
for (const [language, words] of Object.entries(TELLING_WORDS)) {
  for (const word of words) LANGUAGE_OF_WORD.set(word, [...(LANGUAGE_OF_WORD.get(word) ?? []), language]);
}

export function queryLanguage(q: string): string | undefined {
  if (KANA.test(q)) return "ja";
  if (HANGUL.test(q)) return "ko";
  const votes = new Map<string, number>();
  const vote = (language: string, weight: number) => votes.set(language, (votes.get(language) ?? 0) + weight);
  const lower = q.toLowerCase();
  // "ç" is also Portuguese: it counts for both, so "ç" alone settles nothing between them.
  if (lower.includes("ç")) vote("pt", 1);
  for (const [letters, language] of LETTERS) if (letters.test(lower)) vote(language, 1);
  for (const word of foldText(q).split(" ")) {
    const languages = LANGUAGE_OF_WORD.get(word) ?? [];
    for (const language of languages) vote(language, 1 / languages.length);
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0]![1] === ranked[1]?.[1]) return undefined;
  return ranked[0]![0];
}
