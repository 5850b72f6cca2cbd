import { setDefaultTimeout } from "bun:test";

process.env.TZ = "UTC";
// Opening a database copy can take several seconds on a loaded 2-core machine; bun's 5 s default is too tight for hooks.
setDefaultTimeout(120_000);
