// The hello-world Bun + Hono server (hello-server.ts) under the same k6 settings as the scenario it is compared with.

import { check } from "k6";
import http from "k6/http";
import { BASE, options as makeOptions } from "./lib.js";

export const options = makeOptions(50, {});

export default function () {
  const res = http.get(`${BASE}/`);
  check(res, { "status 200": (r) => r.status === 200 });
}
