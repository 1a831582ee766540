import type { Category } from "@yhteys/contracts";
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { categories } from "../../db/schema.ts";

/** The organisation's active categories in tree order; leaves are selectable. */
export async function listCategories(db: Queryable, organisationId: string): Promise<Category[]> {
  const rows = await db
    .select()
    .from(categories)
    .where(and(eq(categories.organisationId, organisationId), eq(categories.active, true)))
    .orderBy(asc(categories.sortOrder), asc(categories.code));
  const parents = new Set(rows.map((r) => r.parentId).filter(Boolean));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    code: r.code,
    name: r.name,
    description: r.description,
    defaultType: r.defaultType,
    extraFields: r.extraFields,
    keywords: r.keywords,
    selectable: !parents.has(r.id),
  }));
}
