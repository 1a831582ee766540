/** The choices of the report filters, for the roles that read reports (reporters have no staff directory). */
import type { ReportOptions } from "@yhteys/contracts";
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { areas, categories, handlerGroups } from "../../db/schema.ts";
import { forbidden } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";
import { reportScope } from "../tickets/tickets.access.ts";

/** Groups (a content admin's own only), the categories tickets are filed in (leaves, retired ones too: old tickets have them) and areas. */
export async function reportOptions(db: Db, actor: StaffActor): Promise<ReportOptions> {
  if (!reportScope(actor)) throw forbidden("Your role does not read reports");
  const org = actor.organisationId;
  const ownGroups =
    actor.role !== "content_admin" ? undefined : actor.groupIds.length ? inArray(handlerGroups.id, actor.groupIds) : sql`false`;
  const [groups, leaves, places] = await Promise.all([
    db
      .select({ id: handlerGroups.id, name: handlerGroups.name })
      .from(handlerGroups)
      .where(and(eq(handlerGroups.organisationId, org), ownGroups)),
    db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(and(eq(categories.organisationId, org), isNotNull(categories.parentId)))
      .orderBy(asc(categories.sortOrder)),
    db.select({ id: areas.id, name: areas.name }).from(areas).where(eq(areas.organisationId, org)),
  ]);
  return { groups, categories: leaves, areas: places };
}
