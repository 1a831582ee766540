/**
 * Administering ticket types and their workflows (REQUIREMENTS M6): technical admins change them,
 * content admins read them. A type's row is created the first time it is changed; until then the
 * kind has its standard name and the built-in states. Statuses are never deleted (tickets point at
 * them): a status left out of a saved workflow is switched off.
 */
import {
  type TicketType,
  type TicketTypeList,
  type TicketTypeSetting,
  type TicketTypeUpdate,
  ticketTypes,
  type Workflow,
  type WorkflowInput,
  WorkflowInput as WorkflowInputSchema,
} from "@yhteys/contracts";
import { and, eq, inArray } from "drizzle-orm";
import type { Db, Queryable, Tx } from "../../db/client.ts";
import { ticketStatuses, ticketStatusTransitions, ticketTypeSettings } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { requireAdmin, requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { forgetRules } from "../rules/rules.ts";
import { workflowOf } from "./workflows.ts";

type TypeRow = typeof ticketTypeSettings.$inferSelect;

/** Every kind as the organisation has set it up, in the order forms show them. */
export async function ticketTypeSettingsOf(db: Queryable, organisationId: string): Promise<TicketTypeSetting[]> {
  const [rows, withStatuses] = await Promise.all([
    db.select().from(ticketTypeSettings).where(eq(ticketTypeSettings.organisationId, organisationId)),
    db
      .selectDistinct({ typeId: ticketStatuses.typeId })
      .from(ticketStatuses)
      .where(and(eq(ticketStatuses.organisationId, organisationId), eq(ticketStatuses.active, true))),
  ]);
  const custom = new Set(withStatuses.map((s) => s.typeId));
  return ticketTypes
    .map((type, index): TicketTypeSetting => {
      const row = rows.find((r) => r.kind === type);
      return {
        type,
        name: row?.name ?? null,
        description: row?.description ?? null,
        active: row?.active ?? true,
        position: row?.position ?? index,
        customWorkflow: row ? custom.has(row.id) : false,
      };
    })
    .sort((a, b) => a.position - b.position || ticketTypes.indexOf(a.type) - ticketTypes.indexOf(b.type));
}

export async function listTicketTypes(db: Db, actor: StaffActor): Promise<TicketTypeList> {
  requireAdmin(actor);
  return { items: await ticketTypeSettingsOf(db, actor.organisationId) };
}

/** The type's row, created with the standard settings when it has none yet. */
async function typeRow(tx: Tx, organisationId: string, type: TicketType): Promise<TypeRow> {
  await tx
    .insert(ticketTypeSettings)
    .values({ organisationId, kind: type, position: ticketTypes.indexOf(type) })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(ticketTypeSettings)
    .where(and(eq(ticketTypeSettings.organisationId, organisationId), eq(ticketTypeSettings.kind, type)))
    .for("update");
  if (!row) throw new Error("ticket type row vanished");
  return row;
}

export async function updateTicketType(db: Db, actor: StaffActor, type: TicketType, update: TicketTypeUpdate) {
  requireTechnicalAdmin(actor);
  return db.transaction(async (tx) => {
    const row = await typeRow(tx, actor.organisationId, type);
    await tx.update(ticketTypeSettings).set(update).where(eq(ticketTypeSettings.id, row.id));
    await appendAudit(tx, actor, {
      action: "ticket_type.updated",
      subjectType: "ticket_type",
      subjectId: row.id,
      detail: { type, ...update },
    });
    const setting = (await ticketTypeSettingsOf(tx, actor.organisationId)).find((s) => s.type === type);
    if (!setting) throw new Error("ticket type vanished");
    return setting;
  });
}

async function presentWorkflow(db: Queryable, organisationId: string, type: TicketType): Promise<Workflow> {
  const graph = await workflowOf(db, organisationId, type, true);
  if (!graph) return { type, statuses: [] };
  // Switched-off statuses are listed too, so that an admin can switch them back on.
  const keyOf = new Map(graph.statuses.map((s) => [s.id, s.key]));
  return {
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

export async function getWorkflow(db: Db, actor: StaffActor, type: TicketType): Promise<Workflow> {
  requireAdmin(actor);
  return presentWorkflow(db, actor.organisationId, type);
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
export async function setWorkflow(db: Db, actor: StaffActor, type: TicketType, input: WorkflowInput): Promise<Workflow> {
  requireTechnicalAdmin(actor);
  const statuses = checkWorkflow(input);
  return db.transaction(async (tx) => {
    const typeId = (await typeRow(tx, actor.organisationId, type)).id;
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
      detail: { type, statuses: statuses.map((s) => ({ key: s.key, phase: s.phase, active: s.active, next: s.next })) },
    });
    // Status conditions and actions of rules read the workflows with the rules.
    forgetRules(actor.organisationId);
    return presentWorkflow(tx, actor.organisationId, type);
  });
}

/** The kinds offered on forms, in order, with the organisation's names. */
export async function activeTicketTypes(db: Queryable, organisationId: string) {
  return (await ticketTypeSettingsOf(db, organisationId))
    .filter((t) => t.active)
    .map(({ type, name, description }) => ({ type, name, description }));
}
