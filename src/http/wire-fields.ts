import { z } from "zod";
import { wireSchema } from "./openapi/registry";

/** Field schemas the wire schemas of every feature share (contract §1.2: UUID strings, ISO-8601 times). */
export const wireId = z.guid().meta({ examples: ["5b0c1c8e-9a6f-4a8e-8a55-0e1b4f1f2a10"] });
export const wireTime = z.iso.datetime({ offset: true }).meta({ examples: ["2026-03-19T12:00:00.000Z"] });
export const count = z
  .number()
  .int()
  .min(0)
  .meta({ examples: [12] });
export const success = z.literal(true);

/** Page/limit meta of contract §1.6 (families A and B), as pageMeta() builds it. */
export const PageMeta = z.strictObject({
  page: z
    .number()
    .int()
    .min(1)
    .meta({ examples: [1] }),
  limit: z
    .number()
    .int()
    .min(1)
    .meta({ examples: [25] }),
  total: count,
  total_pages: count,
  has_next: z.boolean(),
  has_prev: z.boolean(),
});

/** `{message}`: what most writes answer with (contract §2). */
export const MessageBody = wireSchema(
  "Message",
  z.strictObject({ message: z.string().meta({ examples: ["Vote recorded successfully"] }) }),
);
export type MessageBody = z.infer<typeof MessageBody>;

/** Family A / B success: `{success: true, data}`. */
export const successData = <T extends z.ZodType>(id: string, data: T) =>
  wireSchema(id, z.strictObject({ success, data }));

/** Family B page: `{success: true, data: [...], meta}` (contract §1.5, §1.6). */
export const pagedData = <T extends z.ZodType>(id: string, item: T) =>
  wireSchema(id, z.strictObject({ success, data: z.array(item), meta: PageMeta }));
