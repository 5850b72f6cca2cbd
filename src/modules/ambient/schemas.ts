import { z } from "zod";
import { successData } from "../../http/wire-fields";

/** The cookie banner's categories; only essential cookies exist, so that is all anyone has consented to. */
export const Consent = successData(
  "Consent",
  z.strictObject({
    essential: z.literal(true),
    functional: z.literal(false),
    analytics: z.literal(false),
    advertising: z.literal(false),
  }),
);
export type Consent = z.infer<typeof Consent>;
