/**
 * What a query names besides its topic: a game, a channel, a language. Detected against the candidates' own names
 * (no catalogue lookup), so it works the same on both engines and costs nothing when nothing is named.
 */
const MAX_NGRAM = 6;

/** Lower case, accents off, apostrophes dropped ("Baldur's" → "baldurs"), the rest of the punctuation a space. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "QuotaQueen_TV99" → ["quota", "queen", "tv", "99"]: a handle's words, as the documents split them (0012). */
export function nameWords(name: string): string[] {
  const split = name
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2");
  return foldText(split).split(" ").filter(Boolean);
}

/** Every run of up to MAX_NGRAM consecutive query words. */
function wordRuns(q: string): string[][] {
  const words = foldText(q).split(" ").filter(Boolean);
  const runs: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= MAX_NGRAM && i + n <= words.length; n++) runs.push(words.slice(i, i + n));
  }
  return runs;
}

/** Every run of up to MAX_NGRAM consecutive query words, spaced and run together ("quota queen", "quotaqueen"). */
export function queryPhrases(q: string): Set<string> {
  return new Set(wordRuns(q).flatMap((run) => [run.join(" "), run.join("")]));
}

/**
 * How the query's runs of words could spell a channel's handle, lowercased: run together ("quota queen" →
 * "quotaqueen") or joined by underscores ("toast master 3000" → "toast_master_3000"); four characters at least.
 */
export function handleSpellings(q: string): string[] {
  const spellings = new Set(wordRuns(q).flatMap((run) => (run.length > 1 ? [run.join(""), run.join("_")] : run)));
  return [...spellings].filter((s) => s.length >= 4);
}

/**
 * The ways a query names a game or a channel: the whole name, run together or as words; a part of the name between
 * colons ("PUBG: BATTLEGROUNDS") or that part's initials ("fnaf"); its first or last two or more words ("mario
 * kart", "rainbow six siege"); its initials ("ssbu", "bg3"), alone or before the last word ("mh wilds"). Forms
 * shorter than four characters only count as initials of a name of three or more words.
 */
export function nameForms(name: string): string[] {
  const words = nameWords(name);
  if (words.length === 0) return [];
  const forms = new Set([words.join(" "), words.join("")]);
  for (const part of name.split(":")) {
    const w = nameWords(part);
    if (w.join("").length >= 4) forms.add(w.join(" "));
    if (w.length >= 3) forms.add(initialsOf(w).join(""));
  }
  for (let i = 1; i <= words.length - 2; i++) {
    forms.add(words.slice(i).join(" "));
    forms.add(words.slice(0, words.length - i).join(" "));
  }
  const initials = initialsOf(words);
  if (words.length >= 3) {
    forms.add(initials.join(""));
    forms.add(`${initials.slice(0, -1).join("")} ${words.at(-1)}`);
  }
  return [...forms].filter((f) => f.replace(/ /g, "").length >= 4 || (words.length >= 3 && !f.includes(" ")));
}

/** First letters, numbers whole: "Baldur's Gate 3" → b g 3. */
const initialsOf = (words: string[]) => words.map((w) => (/^\d+$/.test(w) ? w : w[0]!));

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
    if (Math.min(...row) > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** One slip (a swap, a dropped, doubled or wrong letter) in a word of five letters or more, never the first letter. */
export function nearlySame(a: string, b: string): boolean {
  return a.length >= 5 && b.length >= 5 && a[0] === b[0] && editDistance(a, b) <= 1;
}

/** The query's phrases name `name` as written, or with one slip in a form of six letters or more run together. */
export function namedIn(phrases: Set<string>, name: string | null | undefined): boolean {
  if (!name) return false;
  const forms = nameForms(name);
  if (forms.some((form) => phrases.has(form))) return true;
  const long = forms.filter((f) => !f.includes(" ") && f.length >= 6);
  return long.some((form) => [...phrases].some((p) => !p.includes(" ") && nearlySame(form, p)));
}

// Language names in English and in the language itself (and its romanisation), for "... auf deutsch", "korean".
const LANGUAGES: Record<string, string[]> = {
  en: ["english", "ingles", "inglés"],
  es: ["spanish", "espanol", "español", "castellano"],
  pt: ["portuguese", "portugues", "português", "brazilian", "brasileiro", "brasil"],
  de: ["german", "deutsch"],
  fr: ["french", "francais", "français"],
  ja: ["japanese", "nihongo", "日本語"],
  ko: ["korean", "hangugeo", "한국어"],
};
const LANGUAGE_OF = new Map(
  Object.entries(LANGUAGES).flatMap(([code, names]) => names.map((n) => [foldText(n), code] as const)),
);

/** The language a query asks for by name, if it names exactly one. */
export function namedLanguage(phrases: Set<string>): string | undefined {
  const codes = new Set([...phrases].flatMap((p) => LANGUAGE_OF.get(p) ?? []));
  return codes.size === 1 ? [...codes][0] : undefined;
}

/**
 * The query's words left when the named names' words and any language name are taken out: what it asks about
 * those names ("lucky" of "marvel snap lucky korean").
 */
export function residualQuery(q: string, names: string[]): string {
  const named = new Set(names.flatMap((n) => nameForms(n)).flatMap((f) => f.split(" ")));
  const words = foldText(q).split(" ").filter(Boolean);
  const rest = words.filter((w) => !named.has(w) && !LANGUAGE_OF.has(w) && ![...named].some((n) => nearlySame(n, w)));
  return rest.join(" ");
}
