/**
 * The public feedback list (REQUIREMENTS P5): published tickets only, and of them only what the
 * handler approved: the public text and answer, category, area, public status, dates, a point
 * rounded to about 10 m, approved photos and the follower count. Never the description, the
 * address, messages or anything about the sender.
 */
import type { FeedbackList, FeedbackQuery, PublishedFeedback } from "@yhteys/contracts";
import { publicStatusOf, ticketStates } from "@yhteys/contracts";
import { and, asc, between, count, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "../../db/client.ts";
import { areas, attachments, categories, publications, ticketFollowers, tickets } from "../../db/schema.ts";
import { isServable } from "../attachments/attachments.presenter.ts";
import { iso, isoOrNull } from "../tickets/tickets.presenter.ts";

type Query = z.output<typeof FeedbackQuery>;

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

/** Internal states behind each public status. */
const statesOf = (statuses: string[]) => ticketStates.filter((s) => statuses.includes(publicStatusOf(s)));

function conditions(organisationId: string, q: Partial<Query>): SQL[] {
  const where: (SQL | undefined)[] = [eq(publications.organisationId, organisationId)];
  if (q.category?.length) where.push(inArray(tickets.categoryId, q.category));
  if (q.area?.length) where.push(inArray(areas.code, q.area));
  if (q.status?.length) where.push(inArray(tickets.state, statesOf(q.status)));
  if (q.from) where.push(gte(tickets.createdAt, new Date(`${q.from}T00:00:00Z`)));
  if (q.to) where.push(lt(tickets.createdAt, nextDay(q.to)));
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    where.push(between(tickets.lat, minLat, maxLat), between(tickets.lon, minLon, maxLon));
  }
  return where.filter((c): c is SQL => c !== undefined);
}

const columns = {
  reference: tickets.reference,
  ticketId: tickets.id,
  categoryId: tickets.categoryId,
  categoryName: categories.name,
  areaCode: areas.code,
  areaName: areas.name,
  state: tickets.state,
  lat: tickets.lat,
  lon: tickets.lon,
  createdAt: tickets.createdAt,
  resolvedAt: tickets.resolvedAt,
  text: publications.publicText,
  answer: publications.publicAnswer,
  publishedAt: publications.publishedAt,
  updatedAt: publications.updatedAt,
};

function select(db: Queryable) {
  return db
    .select(columns)
    .from(publications)
    .innerJoin(tickets, eq(tickets.id, publications.ticketId))
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(areas, eq(areas.id, tickets.areaId));
}

type Row = Awaited<ReturnType<ReturnType<typeof select>["execute"]>>[number];

/** Photos are served by reference, so a photo URL leads nowhere once the contact is unpublished. */
export const photoPath = (slug: string, reference: string, id: string) => `/api/public/${slug}/feedback/${reference}/photos/${id}`;

async function present(db: Queryable, slug: string, rows: Row[]): Promise<PublishedFeedback[]> {
  const ids = rows.map((r) => r.ticketId);
  const [photos, followers] = ids.length
    ? await Promise.all([
        db
          .select()
          .from(attachments)
          .where(and(inArray(attachments.ticketId, ids), eq(attachments.published, true)))
          .orderBy(asc(attachments.createdAt)),
        db
          .select({ ticketId: ticketFollowers.ticketId, n: count() })
          .from(ticketFollowers)
          .where(inArray(ticketFollowers.ticketId, ids))
          .groupBy(ticketFollowers.ticketId),
      ])
    : [[], []];
  return rows.map((r) => ({
    reference: r.reference,
    category: { id: r.categoryId, name: r.categoryName },
    area: r.areaCode && r.areaName ? { code: r.areaCode, name: r.areaName } : null,
    status: publicStatusOf(r.state),
    text: r.text,
    answer: r.answer,
    location: r.lat !== null && r.lon !== null ? { lat: round(r.lat), lon: round(r.lon) } : null,
    createdAt: iso(r.createdAt),
    publishedAt: iso(r.publishedAt),
    updatedAt: iso(r.updatedAt),
    resolvedAt: isoOrNull(r.resolvedAt),
    photos: photos
      .filter((p) => p.ticketId === r.ticketId && isServable(p))
      .map((p) => {
        const url = photoPath(slug, r.reference, p.id);
        return { id: p.id, url, thumbnailUrl: p.hasThumbnail ? `${url}/thumbnail` : null };
      }),
    followers: followers.find((f) => f.ticketId === r.ticketId)?.n ?? 0,
  }));
}

/** Published contacts, newest first. */
export async function listFeedback(db: Queryable, org: { id: string; slug: string }, query: Partial<Query>): Promise<FeedbackList> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = and(...conditions(org.id, query));
  const [rows, [total]] = await Promise.all([
    select(db)
      .where(where)
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(publications)
      .innerJoin(tickets, eq(tickets.id, publications.ticketId))
      .leftJoin(areas, eq(areas.id, tickets.areaId))
      .where(where),
  ]);
  return { items: await present(db, org.slug, rows), total: total?.n ?? 0, page, pageSize };
}

/** One published contact, or undefined when it is not (or no longer) published. */
export async function feedbackByReference(db: Queryable, org: { id: string; slug: string }, reference: string) {
  const rows = await select(db).where(and(eq(publications.organisationId, org.id), eq(tickets.reference, reference)));
  return (await present(db, org.slug, rows))[0];
}

/** A published photo of a published contact, or undefined. */
export async function publishedPhoto(db: Queryable, organisationId: string, reference: string, attachmentId: string) {
  const [row] = await db
    .select({ a: attachments })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .innerJoin(publications, eq(publications.ticketId, tickets.id))
    .where(
      and(
        eq(publications.organisationId, organisationId),
        eq(tickets.reference, reference),
        eq(attachments.id, attachmentId),
        eq(attachments.published, true),
      ),
    );
  return row?.a;
}

/** The organisation's areas for the filter. */
export function publicAreas(db: Queryable, organisationId: string) {
  return db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(eq(areas.organisationId, organisationId))
    .orderBy(asc(areas.code));
}
