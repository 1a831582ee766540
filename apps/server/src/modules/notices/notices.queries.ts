/**
 * What residents see (REQUIREMENTS P6): the current notices, all of them or those that match
 * the category and place chosen on the form, and the published FAQ.
 */
import type { PublicFaqList, PublicNotice, PublicNoticeList, PublicNoticeQuery } from "@yhteys/contracts";
import { and, asc, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "../../db/client.ts";
import { areas, categories, faqEntries, notices } from "../../db/schema.ts";
import { contains } from "../tickets/areas.ts";

type NoticeRow = typeof notices.$inferSelect;

/** The fields every view of a notice shows, with times as ISO strings. */
export const noticeFields = (n: NoticeRow) => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  validFrom: n.validFrom.toISOString(),
  validUntil: n.validUntil?.toISOString() ?? null,
  categoryIds: n.categoryIds,
});

/** The category and all its ancestors: a notice for "Streets" is about potholes too. */
async function categoryChain(db: Queryable, organisationId: string, categoryId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: categories.id, parentId: categories.parentId })
    .from(categories)
    .where(eq(categories.organisationId, organisationId));
  const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
  const chain = new Set<string>();
  for (let id: string | null | undefined = categoryId; id && !chain.has(id); id = parentOf.get(id)) chain.add(id);
  return chain;
}

/**
 * Does a targeted notice concern what the resident chose? Every targeting the notice has must
 * match what is known (an unknown place or category does not rule it out), and at least one
 * must be known. Notices without targeting are for the notices page only.
 */
function matches(n: Pick<NoticeRow, "categoryIds" | "areaIds">, chain: Set<string> | null, areaIds: string[] | null): boolean {
  const byCategory = n.categoryIds.length > 0;
  const byArea = n.areaIds.length > 0;
  if (byCategory && chain && !n.categoryIds.some((c) => chain.has(c))) return false;
  if (byArea && areaIds && !n.areaIds.some((a) => areaIds.includes(a))) return false;
  return (byCategory && chain !== null) || (byArea && areaIds !== null);
}

export async function currentNotices(
  db: Queryable,
  organisationId: string,
  query: z.output<typeof PublicNoticeQuery>,
  now = new Date(),
): Promise<PublicNoticeList> {
  const rows = await db
    .select()
    .from(notices)
    .where(
      and(
        eq(notices.organisationId, organisationId),
        lte(notices.validFrom, now),
        or(isNull(notices.validUntil), gt(notices.validUntil, now)),
        query.kind ? eq(notices.kind, query.kind) : undefined,
      ),
    )
    .orderBy(desc(notices.validFrom), asc(notices.id));
  const orgAreas = await db
    .select({ id: areas.id, name: areas.name, boundary: areas.boundary })
    .from(areas)
    .where(eq(areas.organisationId, organisationId));
  const point = query.lat !== undefined && query.lon !== undefined ? { lat: query.lat, lon: query.lon } : null;
  const filtered = Boolean(query.categoryId || query.areaId || point);
  const chain = query.categoryId ? await categoryChain(db, organisationId, query.categoryId) : null;
  const placeAreas = query.areaId ? [query.areaId] : point ? orgAreas.filter((a) => contains(a.boundary, point)).map((a) => a.id) : null;
  const shown = filtered ? rows.filter((n) => matches(n, chain, placeAreas)) : rows;
  // Disruptions before news; within each, the newest first.
  shown.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "disruption" ? -1 : 1));
  const nameOf = new Map(orgAreas.map((a) => [a.id, a.name]));
  return {
    items: shown.map(
      (n): PublicNotice => ({
        ...noticeFields(n),
        areas: n.areaIds.flatMap((id) => {
          const name = nameOf.get(id);
          return name ? [{ id, name }] : [];
        }),
      }),
    ),
  };
}

export async function publishedFaq(db: Queryable, organisationId: string): Promise<PublicFaqList> {
  const rows = await db
    .select({ id: faqEntries.id, question: faqEntries.question, answer: faqEntries.answer, categoryId: faqEntries.categoryId })
    .from(faqEntries)
    .where(and(eq(faqEntries.organisationId, organisationId), eq(faqEntries.published, true)))
    .orderBy(asc(faqEntries.position), asc(faqEntries.createdAt));
  return { items: rows };
}
