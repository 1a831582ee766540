import type { Category } from "@yhteys/contracts";
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { categories } from "../../db/schema.ts";

type TreeRow = { id: string; parentId: string | null; active: boolean };

/** The categories in use: active, and under active parents only (switching a parent off hides its whole branch). */
export function inUse<T extends TreeRow>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const used = (row: T | undefined, depth: number): boolean =>
    row?.active === true && (row.parentId === null || (depth < 50 && used(byId.get(row.parentId), depth + 1)));
  return rows.filter((r) => used(r, 0));
}

/** The organisation's categories in use in tree order; leaves are selectable. */
export async function listCategories(db: Queryable, organisationId: string): Promise<Category[]> {
  const rows = inUse(
    await db
      .select()
      .from(categories)
      .where(eq(categories.organisationId, organisationId))
      .orderBy(asc(categories.sortOrder), asc(categories.code)),
  );
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
