/** A small seeded PRNG (mulberry32) with the helpers the generators need; same seed, same sequence. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks with a heavy head: index ~ n·u^skew, so low indexes are chosen far more often. */
  skewed<T>(items: readonly T[], skew = 2): T {
    return items[Math.floor(items.length * this.next() ** skew)]!;
  }

  /** Standard normal via Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** `count` distinct items (or all of them when there are fewer), by rejection for small counts. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count >= items.length) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].map((i) => items[i]!);
  }

  /** A version-4-shaped UUID drawn from this stream, so generated ids are reproducible too. */
  uuid(): string {
    let hex = "";
    for (let i = 0; i < 4; i++)
      hex += Math.floor(this.next() * 4_294_967_296)
        .toString(16)
        .padStart(8, "0");
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** Random characters from an alphabet (Twitch clip slug suffixes use [A-Za-z0-9_-]). */
  chars(length: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** Fills a template's `{key}` slots from the given vocabulary. */
  fill(template: string, slots: Record<string, readonly string[]>): string {
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const options = slots[key];
      return options?.length ? this.pick(options) : whole;
    });
  }
}
