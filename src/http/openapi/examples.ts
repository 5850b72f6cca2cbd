type Json = Record<string, unknown>;

const FORMAT_EXAMPLES: Record<string, string> = {
  "date-time": "2026-03-19T12:00:00.000Z",
  date: "2026-03-19",
  uuid: "5b0c1c8e-9a6f-4a8e-8a55-0e1b4f1f2a10",
  uri: "https://clips.twitch.tv/FunnyClip",
  email: "viewer@example.com",
};

/**
 * An example body for a JSON Schema: each field's own example where it has one, else a plausible value of its type.
 * Swagger UI shows these instead of `{}`; the OpenAPI test checks that each one passes its schema.
 */
export function exampleOf(schema: unknown, schemas: Record<string, Json>, depth = 0): unknown {
  if (!schema || typeof schema !== "object" || depth > 12) return null;
  const s = schema as Json;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (typeof s.$ref === "string") return exampleOf(schemas[s.$ref.split("/").pop()!], schemas, depth + 1);
  const variants = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (variants) {
    const concrete = variants.find((v) => (v as Json).type !== "null") ?? variants[0];
    return exampleOf(concrete, schemas, depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, exampleOf(v, schemas, depth + 1)]));
    }
    case "array":
      // Recursive shapes (a comment's replies) end in an empty list, and so does a list that must stay empty.
      return s.items && depth < 4 && s.maxItems !== 0 ? [exampleOf(s.items, schemas, depth + 1)] : [];
    case "string":
      return FORMAT_EXAMPLES[s.format as string] ?? "string";
    case "integer":
    case "number":
      return typeof s.minimum === "number" && s.minimum > 0 ? s.minimum : 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}
