import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { organisations } from "../../db/schema.ts";
import { notFound } from "../../http/errors.ts";

export type Organisation = typeof organisations.$inferSelect;

const TTL_MS = 30_000;
const cache = new Map<string, { org: Organisation; until: number }>();

/** The organisation with this slug; public endpoints resolve it on every request, so it is cached briefly. */
export async function organisationBySlug(db: Queryable, slug: string): Promise<Organisation> {
  const hit = cache.get(slug);
  if (hit && hit.until > Date.now()) return hit.org;
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug));
  if (!org) throw notFound("The organisation");
  cache.set(slug, { org, until: Date.now() + TTL_MS });
  return org;
}

/** The values of an organisation that creating a ticket needs. */
export async function ticketOrganisation(db: Queryable, organisationId: string): Promise<{ id: string; referencePrefix: string }> {
  const [org] = await db
    .select({ id: organisations.id, referencePrefix: organisations.referencePrefix })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound("The organisation");
  return org;
}
