import { Hono } from "hono";

/** The baseline: the smallest Bun + Hono JSON endpoint, measured with the same k6 settings as each API scenario. */
const app = new Hono().get("/", (c) => c.json({ message: "hello" }));
const server = Bun.serve({ hostname: "127.0.0.1", port: Number(process.env.PORT ?? 18090), fetch: app.fetch });
console.log(`hello-world baseline on http://127.0.0.1:${server.port}`);
