import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";

export const Liveness = wireSchema("Liveness", z.strictObject({ status: z.literal("ok") }));
export type Liveness = z.infer<typeof Liveness>;

const Check = wireSchema(
  "DependencyCheck",
  z.strictObject({
    status: z.enum(["up", "down", "disabled"]),
    latency_ms: z
      .number()
      .min(0)
      .optional()
      .meta({ examples: [1.25] }),
    circuit: z
      .enum(["closed", "open", "half-open"])
      .optional()
      .meta({ description: "OpenSearch's circuit breaker; open means searches are answered by Postgres." }),
  }),
);
export type Check = z.infer<typeof Check>;

/** Ready while the database is up; degraded when Redis or OpenSearch is down. The same body comes with a 503. */
export const Readiness = wireSchema(
  "Readiness",
  z.union([
    z.strictObject({ status: z.literal("draining") }),
    z.strictObject({
      status: z.enum(["ok", "degraded", "unavailable"]),
      checks: z.strictObject({ database: Check, redis: Check, opensearch: Check }),
    }),
  ]),
);
export type Readiness = z.infer<typeof Readiness>;
