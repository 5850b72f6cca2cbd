import type { Deps } from "../deps";
import { createDataset } from "./dataset";
import { hasData, insertDataset } from "./insert";

export const DEMO_SIZE = { clips: 150, users: 40, seed: 20240601 };

/** Loads a small demo set on the first start of an empty database (the embedded PGlite default). */
export async function seedDemoIfEmpty(deps: Deps): Promise<void> {
  if (await hasData(deps.db)) return;
  const started = performance.now();
  const counts = await insertDataset(deps.db, createDataset(DEMO_SIZE), { chunkSize: DEMO_SIZE.clips });
  deps.logger.info({ ...counts, ms: Math.round(performance.now() - started) }, "demo data loaded");
}
