export interface ProgressBar {
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** A one-line bar redrawn in place (`\r`) on a TTY, or a line every 10% elsewhere, with rate and ETA. */
export function createProgressBar(
  total: number,
  label: string,
  stream: { write(s: string): unknown; isTTY?: boolean } = process.stderr,
): ProgressBar {
  const started = performance.now();
  let lastDraw = 0;
  let lastDecile = -1;
  const draw = (done: number) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = done / Math.max(elapsed, 1e-3);
    const fraction = total ? Math.min(done / total, 1) : 1;
    const filled = Math.round(fraction * WIDTH);
    const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const pct = (fraction * 100).toFixed(1).padStart(5);
    return `${label} ${bar} ${pct}% ${done}/${total} ${Math.round(rate)}/s ETA ${formatSeconds(eta)}`;
  };
  return {
    update(done) {
      const now = performance.now();
      if (stream.isTTY) {
        if (now - lastDraw < 100 && done < total) return;
        lastDraw = now;
        stream.write(`\r${draw(done)}\x1b[K`);
        return;
      }
      const decile = Math.floor((done / Math.max(total, 1)) * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`${draw(done)}\n`);
    },
    finish() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
