import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";

/** What a scrape reads: the Prometheus text exposition format (version 0.0.4), one sample a line. */
export const MetricsText = wireSchema(
  "MetricsText",
  z.string().meta({
    description: "Prometheus text exposition format 0.0.4: `# HELP` and `# TYPE` lines, then one sample a line.",
    examples: [
      '# HELP http_requests_total HTTP requests by method, route template and status\n# TYPE http_requests_total counter\nhttp_requests_total{method="GET",route="/api/v1/clips",status="200"} 42\n',
    ],
  }),
);
