/**
 * The bench scenarios in the order they run; the `cacheOff` ones run last, against an API restarted with its cache
 * off. Throughput scenarios run under wrk (`load.client: "wrk"`): GET `path`, or a random line of a paths file the
 * runner writes (`paths`), with a test-login Bearer token when `auth` is set. The mixed scenario stays a k6 script.
 */
export interface Scenario {
  name: string;
  title: string;
  vus: number;
  load: WrkLoad | K6Load;
  cacheOff?: boolean;
}

export interface WrkLoad {
  client: "wrk";
  path: string;
  paths?: "clips" | "searches";
  auth?: boolean;
  /** Response headers that fail a request's check (the k6 script checked these too). */
  forbidHeaders?: string[];
}

export interface K6Load {
  client: "k6";
  script: string;
  env?: Record<string, string>;
}

const SEARCH_FAILOVER = ["X-Search-Degraded", "X-Search-Failover"];

export const SCENARIOS: Scenario[] = [
  {
    name: "feed-cached",
    title: "GET /feeds/clips, default sort, cache warmed",
    vus: 50,
    load: { client: "wrk", path: "/api/v1/feeds/clips" },
  },
  {
    name: "clip-detail",
    title: "GET /clips/:id, random UUIDs and slugs",
    vus: 50,
    load: { client: "wrk", path: "/api/v1/clips", paths: "clips" },
  },
  {
    name: "auth-me",
    title: "GET /auth/me, Bearer token from test-login",
    vus: 50,
    load: { client: "wrk", path: "/api/v1/auth/me", auth: true },
  },
  {
    name: "search",
    title: "GET /search?q=…, 30 realistic queries",
    vus: 20,
    load: { client: "wrk", path: "/api/v1/search", paths: "searches", forbidHeaders: SEARCH_FAILOVER },
  },
  {
    name: "mixed",
    title: "logged-in mix: feed, detail, comments, search, votes, comments, logins, submissions",
    vus: 50,
    load: { client: "k6", script: "test/load/mixed.js" },
  },
  {
    name: "feed-uncached",
    title: "GET /feeds/clips, default sort, API cache off",
    vus: 10,
    load: { client: "wrk", path: "/api/v1/feeds/clips" },
    cacheOff: true,
  },
  {
    name: "search-uncached",
    title: "GET /search?q=…, 30 realistic queries, API cache off (query vectors stay cached)",
    vus: 20,
    load: { client: "wrk", path: "/api/v1/search", paths: "searches", forbidHeaders: SEARCH_FAILOVER },
    cacheOff: true,
  },
];

/**
 * Fake Twitch clips for the mixed scenario's submissions: test/load/mixed.js submits BenchClip<runId>v<vu>x<n>. The
 * run id keeps them new when --reuse-data keeps the last run's submissions.
 */
export const SUBMISSIONS_PER_VU = 5;
export const submissionSlugs = (runId: string, maxVus: number) =>
  Array.from({ length: maxVus }, (_, vu) =>
    Array.from({ length: SUBMISSIONS_PER_VU }, (_, n) => `BenchClip${runId}v${vu + 1}x${n}`),
  ).flat();
