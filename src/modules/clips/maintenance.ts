import type { Deps } from "../../deps";
import { startTrendingRefresh } from "./trending-refresh";
import { startViewCounter, type ViewCounter } from "./view-counter";

const VIEW_FLUSH_MS = 2_000;
const TRENDING_REFRESH_MS = 5 * 60_000;

/** Background upkeep for clip counters and scores; both stop (views flushed) when deps close. */
export function startClipMaintenance(deps: Deps): ViewCounter {
  const views = startViewCounter(deps.db, deps.logger, VIEW_FLUSH_MS);
  const stopTrending = startTrendingRefresh(deps.db, deps.logger, TRENDING_REFRESH_MS);
  deps.onClose(async () => {
    await stopTrending();
    await views.stop();
  });
  return views;
}
