import type { Db } from "../../db/client";
import { mutate, type Writer } from "../../db/mutation";

/** Playlist writes through the one write path; no cached response holds a playlist, so none invalidates a scope. */
export const writePlaylist = <T>(deps: Writer, work: (tx: Db) => Promise<T>): Promise<T> =>
  mutate(deps, async (tx) => ({ result: await work(tx), invalidates: [] }));
