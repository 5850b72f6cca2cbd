import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";

/** Contract §2.6 (family E): the submission gate the submit page shows. */
export const PublicConfig = wireSchema(
  "PublicConfig",
  z.strictObject({
    karma: z.strictObject({
      initial_karma_points: z
        .number()
        .int()
        .meta({ examples: [100] }),
      submission_karma_required: z
        .number()
        .int()
        .meta({ examples: [100] }),
      require_karma_for_submission: z.boolean(),
    }),
  }),
);
export type PublicConfig = z.infer<typeof PublicConfig>;
