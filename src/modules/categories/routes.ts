import { and, asc, eq, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { AppError } from "../../core/errors";
import type { Db } from "../../db/client";
import { categories } from "../../db/schema";
import type { Deps } from "../../deps";
import type { AppEnv } from "../../http/env";
import { returns } from "../../http/openapi/registry";
import { validate } from "../../http/validate";
import { ClipsPage } from "../clips/schemas";
import { GamePage } from "../games/schemas";
import { type Category, CategoryDetail, CategoryList, ListQuery, PageQuery, SlugParam } from "./schemas";

type CategoryRow = typeof categories.$inferSelect;

/** Categories change only through seeds and migrations, which restart the service or expire within this. */
const CATEGORIES_TTL_SECONDS = 300;

const toWire = (row: CategoryRow): Category => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  description: row.description,
  icon: row.icon,
  position: row.position,
  category_type: row.categoryType,
  is_featured: row.isFeatured,
  is_custom: false,
  created_by_user_id: null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

async function requireCategory(db: Db, slug: string) {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug.toLowerCase()));
  if (!row) throw new AppError("NOT_FOUND", "Category not found");
  return row;
}

/**
 * Categories come from the categories table. Nothing links a category to games or clips yet, so a category's
 * game and clip lists are empty pages (the SPA's CategoryPage handles that).
 */
export function createCategoryRoutes(deps: Deps) {
  const { db } = deps;

  return new Hono<AppEnv>()
    .get("/categories", validate("query", ListQuery), returns(CategoryList), async (c) => {
      const { featured, type } = c.req.valid("query");
      const list = await deps.caching.cached("categories", [featured, type], CATEGORIES_TTL_SECONDS, async () => {
        const conditions: SQL[] = [];
        if (featured !== undefined) conditions.push(eq(categories.isFeatured, featured === "true" || featured === "1"));
        if (type) conditions.push(eq(categories.categoryType, type));
        const rows = await db
          .select()
          .from(categories)
          .where(and(...conditions))
          .orderBy(asc(categories.position), asc(categories.name));
        return rows.map(toWire);
      });
      return c.json({ categories: list } satisfies CategoryList);
    })
    .get("/categories/:slug", validate("param", SlugParam), returns(CategoryDetail), async (c) => {
      return c.json({
        category: toWire(await requireCategory(db, c.req.valid("param").slug)),
      } satisfies CategoryDetail);
    })
    .get(
      "/categories/:slug/games",
      validate("param", SlugParam),
      validate("query", PageQuery),
      returns(GamePage),
      async (c) => {
        await requireCategory(db, c.req.valid("param").slug);
        const { page, limit } = c.req.valid("query");
        return c.json({ games: [], page, limit, has_more: false } satisfies GamePage);
      },
    )
    .get(
      "/categories/:slug/clips",
      validate("param", SlugParam),
      validate("query", PageQuery),
      returns(ClipsPage),
      async (c) => {
        await requireCategory(db, c.req.valid("param").slug);
        const { page, limit } = c.req.valid("query");
        return c.json({ clips: [], total: 0, page, limit, has_more: false } satisfies ClipsPage);
      },
    );
}
