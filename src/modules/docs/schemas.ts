import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";

const openObject = z.looseObject({});

/** This document itself: OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.0), described only at its top level. */
export const OpenApiDocument = wireSchema(
  "OpenApiDocument",
  z.looseObject({
    openapi: z.literal("3.1.0"),
    info: z.looseObject({ title: z.string().meta({ examples: ["Clipper API"] }), version: z.string() }),
    paths: z.record(z.string(), openObject),
    components: openObject,
  }),
);
