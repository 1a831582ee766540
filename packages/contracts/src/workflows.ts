/**
 * Admin-edited ticket types and their workflows (REQUIREMENTS M6). The base kinds stay the four
 * built-in `TicketType` values (Open311, SLA, rules and reports keep using them); an organisation
 * has a type per kind (its key is the kind) and may add its own types, each on a base kind. Admins
 * name, describe, order and switch types off, and give each a workflow: statuses in the five
 * lifecycle phases (`TicketState`) and the moves allowed between them.
 */
import { z } from "zod";
import { LocalizedText, Uuid } from "./common.ts";
import { TicketState, TicketType } from "./tickets.ts";

/** A type's key: a stable lower-case slug, unique in the organisation; a built-in type's key is its kind. */
export const TypeKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, _ and -");

/** A type as the organisation has set it up; `name` null keeps the standard name of the kind. */
export const TicketTypeSetting = z.object({
  /** Null for a built-in type nobody has changed yet (name it by its kind, `type`). */
  id: Uuid.nullable(),
  key: TypeKey,
  /** The base kind: what the ticket's `type` is for this type. */
  type: TicketType,
  /** One of the four built-in types (else added by the organisation). */
  builtIn: z.boolean(),
  name: LocalizedText.nullable(),
  description: LocalizedText.nullable(),
  /** Offered on the public form and on the new-contact form; tickets of an inactive type stay as they are. */
  active: z.boolean(),
  position: z.number().int(),
  /** Has its own workflow (else the built-in state machine applies). */
  customWorkflow: z.boolean(),
});
export type TicketTypeSetting = z.infer<typeof TicketTypeSetting>;
export const TicketTypeList = z.object({ items: z.array(TicketTypeSetting) });
export type TicketTypeList = z.infer<typeof TicketTypeList>;

export const TicketTypeUpdate = z
  .object({
    name: LocalizedText.nullable(),
    description: LocalizedText.nullable(),
    active: z.boolean(),
    position: z.number().int().min(0).max(1000),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: "nothing to change" });
export type TicketTypeUpdate = z.infer<typeof TicketTypeUpdate>;

/** A type the organisation adds: its name (Finnish required), base kind and, optionally, its key (else made from the name). */
export const NewTicketType = z.object({
  name: LocalizedText,
  description: LocalizedText.nullable().default(null),
  type: TicketType,
  key: TypeKey.optional(),
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(1000).optional(),
});
export type NewTicketType = z.input<typeof NewTicketType>;

/** A type as forms offer it: `id` null for a built-in type nobody has changed (submit its kind as `type`). */
export const TypeChoice = z.object({
  id: Uuid.nullable(),
  key: TypeKey,
  type: TicketType,
  name: LocalizedText.nullable(),
  description: LocalizedText.nullable(),
});
export type TypeChoice = z.infer<typeof TypeChoice>;

/** A status's key: stable, lower-case, used to name the moves. */
export const StatusKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "lower-case letters, digits, _ and -");

/** One status of a workflow with the statuses it may move to (`next`, by key). */
export const WorkflowStatusInput = z.object({
  key: StatusKey,
  name: LocalizedText,
  /** What residents see on the tracking page; null shows the phase's name. */
  publicName: LocalizedText.nullable().default(null),
  phase: TicketState,
  active: z.boolean().default(true),
  next: z.array(StatusKey).max(50).default([]),
});
export type WorkflowStatusInput = z.input<typeof WorkflowStatusInput>;

/** The whole workflow of a type, in order; statuses left out are switched off (tickets keep them). Empty = the built-in machine. */
export const WorkflowInput = z.object({ statuses: z.array(WorkflowStatusInput).max(50) });
export type WorkflowInput = z.input<typeof WorkflowInput>;

export const WorkflowStatus = WorkflowStatusInput.extend({ id: Uuid, position: z.number().int() });
export type WorkflowStatus = z.infer<typeof WorkflowStatus>;
export const Workflow = z.object({ key: TypeKey, type: TicketType, statuses: z.array(WorkflowStatus) });
export type Workflow = z.infer<typeof Workflow>;

/** A status as handlers see it on a ticket and in its choices. */
export const TicketStatusRef = z.object({ id: Uuid, key: z.string(), name: LocalizedText, phase: TicketState });
export type TicketStatusRef = z.infer<typeof TicketStatusRef>;
