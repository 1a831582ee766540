/**
 * Administering ticket types and their workflows (REQUIREMENTS M6): technical admins change them,
 * content admins read them. A built-in type's row is created the first time it is changed; until
 * then the kind has its standard name and the built-in states. Admins add their own types, each
 * on a base kind, and switch them off rather than delete them (tickets point at them). Statuses
 * are never deleted either: a status left out of a saved workflow is switched off.
 */
import {
  type NewTicketType,
  NewTicketType as NewTicketTypeSchema,
  type TicketType,
  type TicketTypeList,
  type TicketTypeSetting,
  type TicketTypeUpdate,
  type TypeChoice,
  ticketTypes,
  type Workflow,
  type WorkflowInput,
  WorkflowInput as WorkflowInputSchema,
} from "@yhteys/contracts";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Queryable, Tx } from "../../db/client.ts";
import { ticketStatuses, ticketStatusTransitions, ticketTypeSettings } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireAdmin, requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { forgetRules } from "../rules/rules.ts";
import { isKind } from "./ticket-types.ts";
import { workflowOf } from "./workflows.ts";

type TypeRow = typeof ticketTypeSettings.$inferSelect;

/** The four built-in types (as changed, or standard) and the organisation's own, in the order forms show them. */
export async function ticketTypeSettingsOf(db: Queryable, organisationId: string): Promise<TicketTypeSetting[]> {
  const [rows, withStatuses] = await Promise.all([
    db.select().from(ticketTypeSettings).where(eq(ticketTypeSettings.organisationId, organisationId)),
    db
      .selectDistinct({ typeId: ticketStatuses.typeId })
      .from(ticketStatuses)
      .where(and(eq(ticketStatuses.organisationId, organisationId), eq(ticketStatuses.active, true))),
  ]);
  const custom = new Set(withStatuses.map((s) => s.typeId));
  const present = (row: TypeRow | undefined, type: TicketType, position: number): TicketTypeSetting => ({
    id: row?.id ?? null,
    key: row?.key ?? type,
    type,
    builtIn: !row || row.key === row.kind,
    name: row?.name ?? null,
    description: row?.description ?? null,
    active: row?.active ?? true,
    position: row?.position ?? position,
    customWorkflow: row ? custom.has(row.id) : false,
  });
  const builtIn = ticketTypes.map((type, index) =>
    present(
      rows.find((r) => r.key === type),
      type,
      index,
    ),
  );
  const added = rows.filter((r) => r.key !== r.kind).map((r) => present(r, r.kind, r.position));
  const order = (s: TicketTypeSetting) => (s.builtIn ? ticketTypes.indexOf(s.type) : ticketTypes.length);
  return [...builtIn, ...added].sort((a, b) => a.position - b.position || order(a) - order(b) || a.key.localeCompare(b.key));
}

export async function listTicketTypes(db: Db, actor: StaffActor): Promise<TicketTypeList> {
  requireAdmin(actor);
  return { items: await ticketTypeSettingsOf(db, actor.organisationId) };
}

/** The type's row by key, a built-in type's created with the standard settings when it has none yet; 404 for no such type. */
async function typeRow(tx: Tx, organisationId: string, key: string): Promise<TypeRow> {
  if (isKind(key))
    await tx
      .insert(ticketTypeSettings)
      .values({ organisationId, kind: key, key, position: ticketTypes.indexOf(key) })
      .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(ticketTypeSettings)
    .where(and(eq(ticketTypeSettings.organisationId, organisationId), eq(ticketTypeSettings.key, key)))
    .for("update");
  if (!row) throw notFound("The ticket type");
  return row;
}

async function settingOf(db: Queryable, organisationId: string, key: string) {
  const setting = (await ticketTypeSettingsOf(db, organisationId)).find((s) => s.key === key);
  if (!setting) throw new Error("ticket type vanished");
  return setting;
}

/** A key made of a name: lower-case ASCII letters and digits joined by dashes ("Lupahakemus" → "lupahakemus"). */
export const keyFromName = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");

/** Adds a type: 422 when no key can be made of the name, 409 when the key is a kind's or already taken. */
export async function createTicketType(db: Db, actor: StaffActor, input: NewTicketType): Promise<TicketTypeSetting> {
  requireTechnicalAdmin(actor);
  const values = NewTicketTypeSchema.parse(input);
  const key = values.key ?? keyFromName(values.name.fi);
  if (!key)
    throw new AppError("unprocessable", "No key can be made of the name", [{ path: "key", message: "give a key of letters and digits" }]);
  const taken = () => new AppError("conflict", `A ticket type with the key ${key} exists`, [{ path: "key", message: "already in use" }]);
  if (isKind(key)) throw taken();
  return db.transaction(async (tx) => {
    const position = values.position ?? (await ticketTypeSettingsOf(tx, actor.organisationId)).length;
    const [row] = await tx
      .insert(ticketTypeSettings)
      .values({
        organisationId: actor.organisationId,
        key,
        kind: values.type,
        name: values.name,
        description: values.description,
        active: values.active,
        position,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw taken();
    await appendAudit(tx, actor, {
      action: "ticket_type.created",
      subjectType: "ticket_type",
      subjectId: row.id,
      detail: { key, type: values.type, name: values.name, active: values.active },
    });
    return settingOf(tx, actor.organisationId, key);
  });
}

export async function updateTicketType(db: Db, actor: StaffActor, key: string, update: TicketTypeUpdate) {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    const row = await typeRow(tx, actor.organisationId, key);
    if (update.name === null && row.key !== row.kind)
      throw new AppError("unprocessable", "An added type needs a name", [{ path: "name", message: "required" }]);
    await tx.update(ticketTypeSettings).set(update).where(eq(ticketTypeSettings.id, row.id));
    await appendAudit(tx, actor, {
      action: "ticket_type.updated",
      subjectType: "ticket_type",
      subjectId: row.id,
      detail: { key, type: row.kind, ...update },
    });
    return settingOf(tx, actor.organisationId, key);
  });
}

async function presentWorkflow(db: Queryable, row: Pick<TypeRow, "organisationId" | "id" | "key" | "kind">): Promise<Workflow> {
  const graph = await workflowOf(db, row.organisationId, { type: row.kind, typeId: row.id }, true);
  const type = row.kind;
  if (!graph) return { key: row.key, type, statuses: [] };
  // Switched-off statuses are listed too, so that an admin can switch them back on.
  const keyOf = new Map(graph.statuses.map((s) => [s.id, s.key]));
  return {
    key: row.key,
    type,
    statuses: graph.statuses.map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      publicName: s.publicName,
      phase: s.phase,
      active: s.active,
      position: s.position,
      next: [...(graph.next.get(s.id) ?? [])].map((id) => keyOf.get(id) ?? "").filter(Boolean),
    })),
  };
}

export async function getWorkflow(db: Db, actor: StaffActor, key: string): Promise<Workflow> {
  requireAdmin(actor);
  const [row] = await db
    .select()
    .from(ticketTypeSettings)
    .where(and(eq(ticketTypeSettings.organisationId, actor.organisationId), eq(ticketTypeSettings.key, key)));
  if (row) return presentWorkflow(db, row);
  if (isKind(key)) return { key, type: key, statuses: [] };
  throw notFound("The ticket type");
}

/** 400 for duplicate keys and moves to statuses the workflow does not have or to the status itself. */
function checkWorkflow(input: WorkflowInput) {
  const statuses = WorkflowInputSchema.parse(input).statuses;
  const keys = statuses.map((s) => s.key);
  const errors: { path: string; message: string }[] = [];
  statuses.forEach((s, i) => {
    if (keys.indexOf(s.key) !== i) errors.push({ path: `statuses.${i}.key`, message: "the key is used twice" });
    s.next.forEach((to, j) => {
      if (to === s.key) errors.push({ path: `statuses.${i}.next.${j}`, message: "a status cannot move to itself" });
      else if (!keys.includes(to)) errors.push({ path: `statuses.${i}.next.${j}`, message: `no status ${to} in the workflow` });
    });
  });
  if (errors.length) throw new AppError("validation_failed", "The workflow is not valid", errors);
  return statuses;
}

/**
 * Saves a type's whole workflow: statuses by key (existing ones keep their id, so tickets keep
 * them), their order, and the moves. An empty list switches every status off: the type then
 * follows the built-in states again.
 */
export async function setWorkflow(db: Db, actor: StaffActor, key: string, input: WorkflowInput): Promise<Workflow> {
  requireTechnicalAdmin(actor);
  const statuses = checkWorkflow(input);
  return db.transaction(async (tx) => {
    const type = await typeRow(tx, actor.organisationId, key);
    const typeId = type.id;
    const existing = await tx.select().from(ticketStatuses).where(eq(ticketStatuses.typeId, typeId));
    const idOf = new Map<string, string>();
    for (const [position, s] of statuses.entries()) {
      const values = { name: s.name, publicName: s.publicName, phase: s.phase, active: s.active, position };
      const old = existing.find((e) => e.key === s.key);
      if (old) {
        await tx.update(ticketStatuses).set(values).where(eq(ticketStatuses.id, old.id));
        idOf.set(s.key, old.id);
      } else {
        const [row] = await tx
          .insert(ticketStatuses)
          .values({ organisationId: actor.organisationId, typeId, key: s.key, ...values })
          .returning({ id: ticketStatuses.id });
        if (row) idOf.set(s.key, row.id);
      }
    }
    const dropped = existing.filter((e) => !idOf.has(e.key)).map((e) => e.id);
    if (dropped.length) await tx.update(ticketStatuses).set({ active: false }).where(inArray(ticketStatuses.id, dropped));
    const ids = [...existing.map((e) => e.id), ...idOf.values()];
    if (ids.length) await tx.delete(ticketStatusTransitions).where(inArray(ticketStatusTransitions.fromId, ids));
    const moves = statuses.flatMap((s) =>
      s.next.map((to) => ({ organisationId: actor.organisationId, fromId: idOf.get(s.key) ?? "", toId: idOf.get(to) ?? "" })),
    );
    if (moves.length) await tx.insert(ticketStatusTransitions).values(moves);
    await appendAudit(tx, actor, {
      action: "ticket_type.workflow_changed",
      subjectType: "ticket_type",
      subjectId: typeId,
      detail: { key, type: type.kind, statuses: statuses.map((s) => ({ key: s.key, phase: s.phase, active: s.active, next: s.next })) },
    });
    // Status conditions and actions of rules read the workflows with the rules.
    forgetRules(actor.organisationId);
    return presentWorkflow(tx, type);
  });
}

/** The types offered on forms, in order, with the organisation's names. */
export async function activeTicketTypes(db: Queryable, organisationId: string): Promise<TypeChoice[]> {
  return (await ticketTypeSettingsOf(db, organisationId))
    .filter((t) => t.active)
    .map(({ id, key, type, name, description }) => ({ id, key, type, name, description }));
}
