/** The k6 scenarios in the order they run; the `cacheOff` ones run last, against an API restarted with its cache off. */
export interface Scenario {
  name: string;
  title: string;
  script: string;
  vus: number;
  env?: Record<string, string>;
  cacheOff?: boolean;
}

export const SCENARIOS: Scenario[] = [
  {
    name: "feed-cached",
    title: "GET /feeds/clips, default sort, cache warmed",
    script: "test/load/feed.js",
    vus: 50,
    env: { FEED_CACHE: "cached" },
  },
  { name: "clip-detail", title: "GET /clips/:id, random UUIDs and slugs", script: "test/load/clip-detail.js", vus: 50 },
  { name: "auth-me", title: "GET /auth/me, Bearer token from test-login", script: "test/load/auth-me.js", vus: 50 },
  { name: "search", title: "GET /search?q=…, 30 realistic queries", script: "test/load/search.js", vus: 20 },
  {
    name: "mixed",
    title: "logged-in mix: feed, detail, comments, search, votes, comments, logins, submissions",
    script: "test/load/mixed.js",
    vus: 50,
  },
  {
    name: "feed-uncached",
    title: "GET /feeds/clips, default sort, API cache off",
    script: "test/load/feed.js",
    vus: 50,
    env: { FEED_CACHE: "uncached" },
    cacheOff: true,
  },
  {
    name: "search-uncached",
    title: "GET /search?q=…, 30 realistic queries, API cache off (query vectors stay cached)",
    script: "test/load/search.js",
    vus: 20,
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
