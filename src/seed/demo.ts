import type { Deps } from "../deps";

export async function seedDemoIfEmpty(_deps: Deps): Promise<void> {}
