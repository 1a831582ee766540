/**
 * A ticket's type among the organisation's types: choosing one of its active types (forms, edits,
 * rules) and moving a ticket to another type, whose workflow then gives the ticket's status.
 * A ticket stores its base kind in `type` and, only for a type the organisation added, its id in
 * `type_id`: a built-in type is its kind alone, so old tickets and direct imports need no id.
 */
import { type LocalizedText, type TicketType, ticketTypes } from "@yhteys/contracts";
import { and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { tickets, ticketTypeSettings } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { currentStatus, type TypeRef, workflowOf } from "./workflows.ts";

type TypeRow = typeof ticketTypeSettings.$inferSelect;
type Ticket = Pick<typeof tickets.$inferSelect, "organisationId" | "type" | "typeId" | "state" | "statusId">;

/** Whether a value names a base kind (a built-in type's key) rather than a type by id or key. */
export const isKind = (value: string): value is TicketType => (ticketTypes as readonly string[]).includes(value);

/** Of these ids, the organisation's added types with their kinds (for checking what rules refer to). */
export const addedTypes = (db: Queryable, organisationId: string, ids: string[]) =>
  db
    .select({ id: ticketTypeSettings.id, kind: ticketTypeSettings.kind })
    .from(ticketTypeSettings)
    .where(
      and(
        eq(ticketTypeSettings.organisationId, organisationId),
        inArray(ticketTypeSettings.id, ids),
        sql`${ticketTypeSettings.key} <> ${ticketTypeSettings.kind}::text`,
      ),
    );

/** What a ticket stores for a type: its kind, and its id only when the organisation added it. */
export const storedType = (row: Pick<TypeRow, "id" | "key" | "kind">): TypeRef => ({
  type: row.kind,
  typeId: row.key === row.kind ? null : row.id,
});

/** A type's workflow as rules key it: an added type's id, else the kind (the built-in type's key). */
export const workflowKey = (ref: TypeRef) => ref.typeId ?? ref.type;

/** One of the organisation's active types by id, as a ticket stores it; 422 at `path` otherwise. */
export async function chosenType(db: Queryable, organisationId: string, typeId: string, path = "typeId"): Promise<TypeRef> {
  const [row] = await db
    .select({ id: ticketTypeSettings.id, key: ticketTypeSettings.key, kind: ticketTypeSettings.kind })
    .from(ticketTypeSettings)
    .where(
      and(eq(ticketTypeSettings.organisationId, organisationId), eq(ticketTypeSettings.id, typeId), eq(ticketTypeSettings.active, true)),
    );
  if (!row)
    throw new AppError("unprocessable", "No such active ticket type", [{ path, message: "not an active type of the organisation" }]);
  return storedType(row);
}

/** The type asked for: `typeId` (checked) wins over a kind; undefined when neither is given. */
export async function wantedType(
  db: Queryable,
  organisationId: string,
  want: { type?: TicketType | undefined; typeId?: string | undefined },
): Promise<TypeRef | undefined> {
  if (want.typeId) return chosenType(db, organisationId, want.typeId);
  return want.type ? { type: want.type, typeId: null } : undefined;
}

/** The organisation's name for a ticket's type; null keeps the standard name of its kind. */
export async function typeNameOf(db: Queryable, organisationId: string, ref: TypeRef): Promise<LocalizedText | null> {
  const [row] = await db
    .select({ name: ticketTypeSettings.name })
    .from(ticketTypeSettings)
    .where(
      and(
        eq(ticketTypeSettings.organisationId, organisationId),
        ref.typeId ? eq(ticketTypeSettings.id, ref.typeId) : eq(ticketTypeSettings.key, ref.type),
      ),
    );
  return row?.name ?? null;
}

/**
 * A ticket's move to another type: the values to store, with the first active status of the
 * ticket's phase in the new type's workflow (none without one), and the history's account of the
 * status; null when the type stays.
 */
export async function retype(db: Queryable, ticket: Ticket, to: TypeRef) {
  if (to.type === ticket.type && to.typeId === ticket.typeId) return null;
  const fromGraph = await workflowOf(db, ticket.organisationId, ticket);
  const toGraph = await workflowOf(db, ticket.organisationId, to);
  const from = fromGraph ? currentStatus(fromGraph, ticket) : undefined;
  const status = toGraph?.statuses.find((s) => s.active && s.phase === ticket.state);
  return {
    values: { type: to.type, typeId: to.typeId, statusId: status?.id ?? null },
    event: {
      ...(from ? { fromStatus: { key: from.key, name: from.name } } : {}),
      toStatus: status ? { key: status.key, name: status.name } : null,
    },
  };
}

/** The condition "a ticket of one of these types" for listings: an added type by id, a built-in one by kind without an added type. */
export async function ofTypes(db: Queryable, organisationId: string, ids: string[]): Promise<SQL> {
  const rows = await db
    .select({ id: ticketTypeSettings.id, key: ticketTypeSettings.key, kind: ticketTypeSettings.kind })
    .from(ticketTypeSettings)
    .where(and(eq(ticketTypeSettings.organisationId, organisationId), inArray(ticketTypeSettings.id, ids)));
  const added = rows.filter((r) => r.key !== r.kind).map((r) => r.id);
  const kinds = rows.filter((r) => r.key === r.kind).map((r) => r.kind);
  return (
    or(
      added.length ? inArray(tickets.typeId, added) : undefined,
      kinds.length ? and(isNull(tickets.typeId), inArray(tickets.type, kinds)) : undefined,
    ) ?? sql`false`
  );
}
