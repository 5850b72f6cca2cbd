// Mixed read/write traffic from logged-in users: each VU logs in through POST /auth/test-login as one of the seeded
// users in DATA_FILE, then every iteration picks one action by weight. Submissions go to the fake Twitch server the
// runner starts (TWITCH_API_URL) with clips BenchClip<RUN_ID>v<vu>x<n>; each VU submits at most 5, under the per-user
// limit of 10 an hour.
// The original's mixed-scenario targets (clipper-anchor.md §9): p95 < 100 ms, p99 < 200 ms.

import { check } from "k6";
import { SharedArray } from "k6/data";
import exec from "k6/execution";
import http from "k6/http";
import { API, clips, jsonHeaders, options as makeOptions, pick, testLogin, users } from "./lib.js";

const queries = new SharedArray("queries", () => JSON.parse(open("./queries.json")));
const MAX_SUBMISSIONS_PER_VU = 5;

export const options = makeOptions(50, { http_req_duration: ["p(95)<100", "p(99)<200"] });

let token;
let submitted = 0;

// Submissions count against each user's hourly and daily quota: every run signs in a different slice of users.
const USER_OFFSET = Number(__ENV.USER_OFFSET || 0);

function login() {
  token = testLogin(users[(exec.vu.idInTest - 1 + USER_OFFSET) % users.length].username);
}

const get = (path, name) => http.get(`${API}${path}`, { ...jsonHeaders(token), tags: { name } });
const post = (path, body, name) =>
  http.post(`${API}${path}`, JSON.stringify(body), { ...jsonHeaders(token), tags: { name } });

const actions = [
  [35, () => get("/feeds/clips", "GET /feeds/clips")],
  [20, () => get(`/clips/${pick(clips).id}`, "GET /clips/:id")],
  [10, () => get(`/clips/${pick(clips).id}/comments?include_replies=true&limit=10`, "GET /clips/:id/comments")],
  [10, () => get(`/search?q=${encodeURIComponent(pick(queries))}`, "GET /search")],
  [12, () => post(`/clips/${pick(clips).id}/vote`, { vote: Math.random() < 0.8 ? 1 : -1 }, "POST /clips/:id/vote")],
  [
    8,
    () =>
      post(
        `/clips/${pick(clips).id}/comments`,
        { content: `bench comment ${exec.scenario.iterationInTest}` },
        "POST /clips/:id/comments",
      ),
  ],
  [3, () => login()],
  [2, () => submit()],
];
const totalWeight = actions.reduce((sum, [w]) => sum + w, 0);

function chooseAction(roll) {
  let left = roll;
  for (const [weight, action] of actions) {
    left -= weight;
    if (left < 0) return action;
  }
  return actions[0][1];
}

function submit() {
  if (submitted >= MAX_SUBMISSIONS_PER_VU) return get("/feeds/clips", "GET /feeds/clips");
  const slug = `BenchClip${__ENV.RUN_ID}v${exec.vu.idInTest}x${submitted}`;
  submitted += 1;
  return post("/submissions", { clip_url: `https://clips.twitch.tv/${slug}`, is_nsfw: false }, "POST /submissions");
}

export default function () {
  if (!token) login();
  const action = chooseAction(Math.random() * totalWeight);
  const res = action();
  if (res && !check(res, { "status 2xx": (r) => r.status >= 200 && r.status < 300 })) {
    console.warn(`${res.request.method} ${res.url}: ${res.status}`);
  }
}
