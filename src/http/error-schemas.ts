import { z } from "zod";
import { wireSchema } from "./openapi/registry";

const requestId = z
  .string()
  .meta({ description: "The request's id, also sent as `X-Request-Id`: quote it when reporting a problem." });

// Extra top-level fields some errors carry (AppError details), each documented where it appears.
const details = {
  field: z.string().optional().meta({ description: "The request field at fault (submissions)." }),
  clip_id: z.string().optional().meta({ description: "The clip already submitted (409 on submissions)." }),
  retry_after: z.number().int().optional().meta({ description: "When to try again, see `Retry-After` (429)." }),
  limit: z.number().int().optional().meta({ description: "Submissions allowed per window (429 on submissions)." }),
  window: z.number().int().optional().meta({ description: "The window in seconds (429 on submissions)." }),
  message: z.string().optional().meta({ description: "A second, longer message (leaderboards)." }),
};

export const PlainError = wireSchema(
  "PlainError",
  z
    .strictObject({
      success: z.literal(false),
      error: z.string().meta({ description: "Human-readable message." }),
      code: z
        .string()
        .meta({ description: "Machine-readable code, e.g. `VALIDATION_ERROR`.", examples: ["NOT_FOUND"] }),
      request_id: requestId,
      ...details,
    })
    .meta({ description: "Error envelope of most routes (contract §1.7)." }),
);

export const StandardError = wireSchema(
  "StandardError",
  z
    .strictObject({
      success: z.literal(false),
      error: z.strictObject({
        code: z.string().meta({ examples: ["CLIP_NOT_FOUND"] }),
        message: z.string().meta({ examples: ["Clip not found"] }),
      }),
      request_id: requestId,
      ...details,
    })
    .meta({
      description: "Family A error envelope: /clips/{id}*, /favorites, /scraped-clips, /creators/{creatorName}/clips.",
    }),
);
