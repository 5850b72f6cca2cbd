/** Stands in for empty text: USE-lite throws on "", and a constant keeps blank texts comparable. */
const BLANK = "untitled";

/**
 * Stored texts and queries go through the same normalisation: USE-lite is case-sensitive ("Valorant" vs "VALORANT"
 * scores 0.58), and so is USE multilingual v3 (0.75 to 0.87 for a title and its lower case, while lower-casing both
 * sides of a translation pair scores as high or higher), so case and Unicode compatibility forms must not decide
 * similarity.
 */
export function normalizeForEmbedding(text: string): string {
  const normalized = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return normalized || BLANK;
}

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
