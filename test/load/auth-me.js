// GET /auth/me with a Bearer access token from POST /auth/test-login (one seeded user, logged in during setup).
// The original's targets (clipper-anchor.md §9): p95 < 40 ms, p99 < 75 ms.

import { check, fail } from "k6";
import http from "k6/http";
import { API, jsonHeaders, options as makeOptions, testLogin, users } from "./lib.js";

export const options = makeOptions(50, { "http_req_duration{name:GET /auth/me}": ["p(95)<40", "p(99)<75"] });

export function setup() {
  const { username } = users[0];
  const token = testLogin(username);
  if (!token) fail(`test-login as ${username} failed`);
  return { token };
}

export default function ({ token }) {
  const res = http.get(`${API}/auth/me`, { ...jsonHeaders(token), tags: { name: "GET /auth/me" } });
  check(res, { "status 200": (r) => r.status === 200 });
}
