// Clip detail: GET /clips/:id with a random clip from DATA_FILE, by UUID or by Twitch slug (both are valid ids).
// The original's targets (clipper-anchor.md §9): p95 < 50 ms, p99 < 100 ms.

import { check } from "k6";
import http from "k6/http";
import { API, clips, options as makeOptions, pick } from "./lib.js";

export const options = makeOptions(50, { http_req_duration: ["p(95)<50", "p(99)<100"] });

export default function () {
  const clip = pick(clips);
  const id = Math.random() < 0.5 ? clip.id : clip.slug;
  const res = http.get(`${API}/clips/${encodeURIComponent(id)}`, { tags: { name: "GET /clips/:id" } });
  check(res, { "status 200": (r) => r.status === 200 });
}
