/**
 * The admin API (REQUIREMENTS M10, M11): users, handler groups and area scopes for technical
 * admins, their own groups' settings for content admins, and the audit log's log-request export
 * and chain verification.
 */
import { z } from "zod";
import { IsoDateTime, Language, LocalizedText, Uuid } from "./common.ts";
import { actorKinds } from "./constants.ts";
import { Role } from "./staff.ts";

/** Passwords set by an admin: long enough to resist guessing, handed to the user out of band. */
export const InitialPassword = z.string().min(12, "at least 12 characters").max(200);

export const AdminUser = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  language: Language,
  active: z.boolean(),
  groupIds: z.array(Uuid),
  areaIds: z.array(Uuid),
  createdAt: IsoDateTime,
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserQuery = z.object({
  /** Part of the name or email address. */
  q: z.string().trim().min(1).max(200).optional(),
  includeInactive: z.enum(["true", "false"]).default("false"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type AdminUserQuery = z.infer<typeof AdminUserQuery>;

export const AdminUserList = z.object({ items: z.array(AdminUser), total: z.number().int() });
export type AdminUserList = z.infer<typeof AdminUserList>;

export const NewUser = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: Role,
  language: Language.default("fi"),
  groupIds: z.array(Uuid).max(100).default([]),
  areaIds: z.array(Uuid).max(100).default([]),
  password: InitialPassword,
});
export type NewUser = z.input<typeof NewUser>;

/** Changes to a user; deactivating (`active: false`) or a new password ends their sessions. */
export const UserUpdate = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(200),
    role: Role,
    language: Language,
    groupIds: z.array(Uuid).max(100),
    areaIds: z.array(Uuid).max(100),
    active: z.boolean(),
    password: InitialPassword,
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, "Change at least one field");
export type UserUpdate = z.input<typeof UserUpdate>;

export const AdminGroup = z.object({
  id: Uuid,
  code: z.string(),
  name: LocalizedText,
  description: LocalizedText.nullable(),
  isUnclearQueue: z.boolean(),
  /** The group's business calendar; null = the organisation's default calendar. */
  calendarId: Uuid.nullable(),
  /** Members may open tickets with special categories of personal data (set by technical admins). */
  sensitiveAccess: z.boolean(),
  members: z.array(z.object({ id: Uuid, name: z.string(), role: Role })),
});
export type AdminGroup = z.infer<typeof AdminGroup>;
export const AdminGroupList = z.object({ items: z.array(AdminGroup) });
export type AdminGroupList = z.infer<typeof AdminGroupList>;

export const NewGroup = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and hyphens"),
  name: LocalizedText,
  description: LocalizedText.nullable().default(null),
});
export type NewGroup = z.input<typeof NewGroup>;

export const GroupUpdate = z
  .object({ name: LocalizedText, description: LocalizedText.nullable(), calendarId: Uuid.nullable(), sensitiveAccess: z.boolean() })
  .partial()
  .refine((g) => Object.keys(g).length > 0, "Change at least one field");
export type GroupUpdate = z.input<typeof GroupUpdate>;

export const AreaSummary = z.object({ id: Uuid, code: z.string(), name: LocalizedText });
export const AreaList = z.object({ items: z.array(AreaSummary) });
export type AreaList = z.infer<typeof AreaList>;

/** Finds the person of a log request by email address or by name (exactly one of them). */
export const LogRequestQuery = z
  .object({
    email: z.string().trim().min(3).max(254).optional(),
    name: z.string().trim().min(2).max(200).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .refine((q) => Boolean(q.email) !== Boolean(q.name), { message: "Give either email or name", path: ["email"] });
export type LogRequestQuery = z.input<typeof LogRequestQuery>;

/** One audit entry in a log-request export. */
export const LogEntry = z.object({
  /** The entry's place in the log: its lane (parallel chain) and its position there. */
  lane: z.number().int(),
  seq: z.number().int(),
  at: IsoDateTime,
  /** Why the entry is included: the person's data was read or changed, or the person acted. */
  relation: z.enum(["subject", "actor"]),
  action: z.string(),
  actorKind: z.enum(actorKinds),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  subjectType: z.string(),
  subjectId: Uuid.nullable(),
  ticketReference: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const LogExport = z.object({
  query: z.object({ email: z.string().optional(), name: z.string().optional() }),
  generatedAt: IsoDateTime,
  /** Residents (customer records) and staff users who matched. */
  matched: z.object({ customers: z.number().int(), users: z.number().int() }),
  /** True when there were more entries than one export holds (`entries` has the oldest). */
  truncated: z.boolean(),
  entries: z.array(LogEntry),
});
export type LogExport = z.infer<typeof LogExport>;

export const ChainStatus = z.object({
  entries: z.number().int(),
  /** The log's parallel hash chains ("lanes"), each with its head. */
  lanes: z.array(z.object({ lane: z.number().int(), entries: z.number().int(), headSeq: z.number().int(), headHash: z.string() })),
  /** SHA-256 over the lanes' heads: one value to note down and compare with a later check. */
  seal: z.string(),
  broken: z
    .object({
      lane: z.number().int().nullable(),
      seq: z.number().int().nullable(),
      entryId: z.number().int().nullable(),
      reason: z.string(),
    })
    .nullable(),
  checkedAt: IsoDateTime,
});
export type ChainStatus = z.infer<typeof ChainStatus>;
