// Shared pieces of the k6 scenarios. Settings come from the environment (scripts/bench/run.ts sets them):
// BASE_URL, VUS, DURATION, DATA_FILE (JSON: clips, users, submissionSlugs).
import { SharedArray } from "k6/data";
import http from "k6/http";

export const BASE = `${__ENV.BASE_URL || "http://127.0.0.1:18080"}`;
export const API = `${BASE}/api/v1`;

/**
 * Closed-loop load: VUS connections, each sending its next request as soon as the last one is answered. With RATE
 * set (the soak), an open loop instead: RATE iterations a second whatever the latency, on up to 4×VUS connections.
 */
export function options(defaultVus, thresholds) {
  const vus = Number(__ENV.VUS || defaultVus);
  const duration = __ENV.DURATION || "15s";
  const load = __ENV.RATE
    ? {
        executor: "constant-arrival-rate",
        rate: Number(__ENV.RATE),
        timeUnit: "1s",
        duration,
        preAllocatedVUs: vus,
        maxVUs: vus * 4,
        gracefulStop: "5s",
      }
    : { executor: "constant-vus", vus, duration, gracefulStop: "5s" };
  return {
    scenarios: { load },
    summaryTrendStats: ["avg", "min", "med", "max", "p(50)", "p(95)", "p(99)"],
    // Every scenario must run without a single failed request (the bench target is 0 errors).
    thresholds: { http_req_failed: ["rate==0"], ...thresholds },
    // k6 shares the 2 cores with the servers: bodies are only read where a script asks (responseType: "text").
    discardResponseBodies: true,
    // A VU is one browser: it keeps its cookies (the CSRF token cookie) across iterations instead of starting over.
    noCookiesReset: true,
  };
}

// One SharedArray per list: k6 parses an element on every access, so elements must stay small.
const dataList = (name) =>
  new SharedArray(name, () => (__ENV.DATA_FILE ? JSON.parse(open(__ENV.DATA_FILE))[name] : []));

/** Clips ({id, slug}) anyone may open and users ({username}) who may log in, written by the runner. */
export const clips = dataList("clips");
export const users = dataList("users");

export const pick = (list) => list[Math.floor(Math.random() * list.length)];

export function jsonHeaders(token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return { headers };
}

/** POST /auth/test-login; returns the access token, or undefined (a failed request, counted as an error). */
export function testLogin(username) {
  const res = http.post(`${API}/auth/test-login`, JSON.stringify({ username }), {
    ...jsonHeaders(),
    responseType: "text",
    // The session cookies go to a throwaway jar: the VU authenticates with the Bearer token only, so it is not a
    // cookie client that must echo a CSRF token.
    jar: new http.CookieJar(),
    tags: { name: "POST /auth/test-login" },
  });
  if (res.status === 200) return res.json("access_token");
  console.warn(`POST /auth/test-login as ${username}: ${res.status} ${res.body}`);
  return undefined;
}
