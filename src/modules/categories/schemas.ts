import { z } from "zod";
import { wireSchema } from "../../http/openapi/registry";
import { pageQuery } from "../../http/query-params";
import { wireId, wireTime } from "../../http/wire-fields";

export const ListQuery = z.object({
  featured: z.enum(["true", "false", "1", "0"]).optional(),
  type: z.string().trim().max(30).optional(),
});
export const SlugParam = z.object({ slug: z.string().trim().min(1).max(100) });
export const PageQuery = pageQuery(20);

/** Contract §3 `Category`. */
export const Category = wireSchema(
  "Category",
  z.strictObject({
    id: wireId,
    name: z.string().meta({ examples: ["Shooters"] }),
    slug: z.string().meta({ examples: ["shooters"] }),
    description: z.string().nullable(),
    icon: z.string().nullable(),
    position: z.number().int(),
    category_type: z.string().meta({ examples: ["game"] }),
    is_featured: z.boolean(),
    is_custom: z.boolean(),
    created_by_user_id: wireId.nullable(),
    created_at: wireTime,
    updated_at: wireTime,
  }),
);
export type Category = z.infer<typeof Category>;

export const CategoryList = wireSchema("CategoryList", z.strictObject({ categories: z.array(Category) }));
export type CategoryList = z.infer<typeof CategoryList>;
export const CategoryDetail = wireSchema("CategoryDetail", z.strictObject({ category: Category }));
export type CategoryDetail = z.infer<typeof CategoryDetail>;
