// Search: GET /search?q=… over a list of realistic queries (queries.json), all result types, first page.
// Hybrid (BM25 + vectors, RRF) whenever the clips have embeddings; target p95 ≤ 40 ms at 20 connections.

import { check } from "k6";
import { SharedArray } from "k6/data";
import http from "k6/http";
import { API, options as makeOptions, pick } from "./lib.js";

const queries = new SharedArray("queries", () => JSON.parse(open("./queries.json")));

export const options = makeOptions(20, { http_req_duration: ["p(95)<=40"] });

export default function () {
  const q = pick(queries);
  const res = http.get(`${API}/search?q=${encodeURIComponent(q)}`, { tags: { name: "GET /search" } });
  check(res, {
    "status 200": (r) => r.status === 200,
    "not degraded": (r) => !r.headers["X-Search-Degraded"],
    "no failover to PostgreSQL": (r) => !r.headers["X-Search-Failover"],
  });
}
