// Anonymous home feed: GET /feeds/clips with the default sort, the SPA's first request. FEED_CACHE=cached (the
// runner warms the page first; target p99 ≤ 5 ms) or uncached (the API runs with its cache off; target p95 ≤ 15 ms).

import { check } from "k6";
import http from "k6/http";
import { API, options as makeOptions } from "./lib.js";

const cached = (__ENV.FEED_CACHE || "cached") === "cached";

export const options = makeOptions(
  50,
  cached ? { "http_req_duration{expected_response:true}": ["p(99)<=5"] } : { http_req_duration: ["p(95)<=15"] },
);

export default function () {
  const res = http.get(`${API}/feeds/clips`);
  check(res, { "status 200": (r) => r.status === 200 });
}
