import { z } from "zod";
import { AwayReason } from "./absence.ts";
import { Attachment } from "./attachments.ts";
import { GeoPoint, IsoDateTime, Language, LocalizedText, Tag, Tags, Uuid } from "./common.ts";
import { actorKinds, messageKinds, roles, ticketActions, ticketSortFields } from "./constants.ts";
import { TicketRequest } from "./requests.ts";
import { TicketSla } from "./sla.ts";
import { Channel, ExtraFieldValues, Priority, TicketState, TicketType } from "./tickets.ts";
import { TicketStatusRef } from "./workflows.ts";

export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z.object({
  organisation: z.string().min(1).max(63),
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const StaffUser = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  language: Language,
  organisation: z.object({ id: Uuid, slug: z.string(), name: LocalizedText }),
  groupIds: z.array(Uuid),
});
export type StaffUser = z.infer<typeof StaffUser>;

/** The session answer carries the CSRF token the console sends back in `x-csrf-token`. */
export const SessionInfo = z.object({ user: StaffUser, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const GroupSummary = z.object({ id: Uuid, name: LocalizedText, isUnclearQueue: z.boolean() });
export type GroupSummary = z.infer<typeof GroupSummary>;
export const UserSummary = z.object({
  id: Uuid,
  name: z.string(),
  role: Role,
  groupIds: z.array(Uuid),
  /** Away now (on leave or off duty): rules route their tickets to a substitute or the group's queue. */
  away: AwayReason.nullable(),
  /** The end of the current absence, when one is set. */
  absentUntil: IsoDateTime.nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** One row of a queue: no personal data. */
export const TicketRow = z.object({
  id: Uuid,
  reference: z.string(),
  type: TicketType,
  /** The organisation's added type (name it from the directory's types); null is the built-in type of `type`. */
  typeId: Uuid.nullable(),
  state: TicketState,
  /** The name of the ticket's own workflow status, when it has one (else show the state). */
  statusName: LocalizedText.nullable(),
  priority: Priority,
  channel: Channel,
  category: z.object({ id: Uuid, name: LocalizedText }),
  group: z.object({ id: Uuid, name: LocalizedText }).nullable(),
  handler: z.object({ id: Uuid, name: z.string() }).nullable(),
  summary: z.string(),
  /**
   * With a text search (`q`): the summary is then the description's passages around the matches,
   * and these are the matched words in it as [start, end) offsets, to be highlighted.
   */
  summaryMatches: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).optional(),
  address: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  sla: TicketSla,
  /** Holds special categories of personal data: opens only to groups with sensitive access. */
  sensitive: z.boolean(),
  tags: z.array(z.string()),
});
export type TicketRow = z.infer<typeof TicketRow>;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(20));

export const TicketListQuery = z.object({
  /** "mine": assigned to me; "requests": asked of me; a group id: that group's queue; omitted: everything I may see. */
  queue: z.union([z.literal("mine"), z.literal("requests"), Uuid]).optional(),
  state: csv(TicketState).optional(),
  channel: csv(Channel).optional(),
  priority: csv(Priority).optional(),
  type: csv(TicketType).optional(),
  /** Tickets of these types by id (an added type, or a built-in type's id: its tickets without an added type). */
  typeId: csv(Uuid).optional(),
  categoryId: Uuid.optional(),
  areaId: Uuid.optional(),
  /** Tickets with this tag. */
  tag: Tag.optional(),
  /** A person's tickets, or "none" for those nobody has taken. */
  handlerId: z.union([Uuid, z.literal("none")]).optional(),
  /** Created at least this many days ago. */
  olderThanDays: z.coerce.number().int().min(1).max(3650).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** "breached": a target is overdue; "warning": one is due within 4 hours (and none overdue). */
  sla: z.enum(["breached", "warning"]).optional(),
  /**
   * "relevance" (with `q`): the newest 2 000 matches ranked by relevance, then older matches
   * newest first (ranking every match of a common word would read tens of thousands of tickets).
   * Without `q` it sorts by `createdAt`.
   */
  sort: z.enum(ticketSortFields).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type TicketListQuery = z.input<typeof TicketListQuery>;

const { queue, categoryId, areaId, tag, handlerId, q, sla, sort, order } = TicketListQuery.shape;
const list = <T extends z.ZodType>(item: T) => z.array(item).max(20).optional();
/** A saved view's filters: those of a listing, as JSON (lists as arrays, numbers as numbers). */
export const ViewFilters = z.object({
  queue,
  state: list(TicketState),
  channel: list(Channel),
  priority: list(Priority),
  type: list(TicketType),
  typeId: list(Uuid),
  categoryId,
  areaId,
  tag,
  handlerId,
  olderThanDays: z.number().int().min(1).max(3650).optional(),
  q,
  sla,
  sort,
  order,
});
export type ViewFilters = z.input<typeof ViewFilters>;

/**
 * A page of a queue. Counts are capped: each is exact while below `countLimit`, and a count equal
 * to `countLimit` means "at least `countLimit`" (show it as "1 000+").
 */
export const TicketList = z.object({
  items: z.array(TicketRow),
  /**
   * Tickets matching all filters, including `state`: the sum of `countsByState` over the
   * requested states (all states when none), capped at `countLimit` (equal to it means "at least").
   */
  total: z.number().int(),
  /**
   * Tickets per state matching the other filters (for the state tabs), each capped at `countLimit`.
   * Null for a text search (`q`) that matches `countLimit` tickets or more in all: counting a
   * search's matches by state means reading every match, so only "at least" is known then.
   */
  countsByState: z.record(TicketState, z.number().int()).nullable(),
  /** The cap of `total` and of each `countsByState` value (1 000). */
  countLimit: z.number().int(),
});
export type TicketList = z.infer<typeof TicketList>;

export const QueueSummary = z.object({
  /** "requests": open comment requests and information sent to me or my groups. */
  id: z.union([z.literal("mine"), z.literal("all"), z.literal("requests"), Uuid]),
  name: LocalizedText,
  isUnclearQueue: z.boolean(),
  open: z.number().int(),
});
export const QueueList = z.object({ items: z.array(QueueSummary) });
export type QueueList = z.infer<typeof QueueList>;

/** Another ticket named on this one (a link, a merge or a split): nothing personal, so any handler may see it. */
export const TicketReference = z.object({
  id: Uuid,
  reference: z.string(),
  state: TicketState,
  category: z.object({ id: Uuid, name: LocalizedText }),
});
export type TicketReference = z.infer<typeof TicketReference>;

export const TicketMessage = z.object({
  id: Uuid,
  kind: z.enum(messageKinds),
  author: z.string().nullable(),
  body: z.string(),
  /** A rich-text reply, sanitised; null for plain-text messages (show `body`). */
  html: z.string().nullable().default(null),
  createdAt: IsoDateTime,
  /** Set on the messages of a duplicate merged into this ticket (its description is shown as its first message). */
  mergedFrom: z.object({ id: Uuid, reference: z.string() }).nullable().default(null),
  /** Colleagues mentioned in a note ("@Name" in its text). */
  mentions: z.array(z.object({ id: Uuid, name: z.string() })).default([]),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

export const TicketEventView = z.object({
  id: z.string(),
  type: z.string(),
  actorKind: z.enum(actorKinds),
  /** The staff member's name; null for residents, API clients and the system. */
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: IsoDateTime,
});

export const TicketDetail = TicketRow.extend({
  description: z.string(),
  language: Language,
  location: GeoPoint.nullable(),
  extraFields: ExtraFieldValues,
  firstResponseAt: IsoDateTime.nullable(),
  resolvedAt: IsoDateTime.nullable(),
  /** When the ticket entered its current state or workflow status ("in this state since"). */
  statusChangedAt: IsoDateTime,
  /**
   * The resident's answer on the web form to publishing on the feedback map: true allowed, false
   * refused (publishing is then refused); null when not asked (other channels, older contacts).
   */
  publishConsent: z.boolean().nullable(),
  /** Null when there is none or the caller may not see it. */
  customer: z
    .object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), wantsReply: z.boolean() })
    .nullable(),
  messages: z.array(TicketMessage),
  history: z.array(TicketEventView),
  attachments: z.array(Attachment),
  requests: z.array(TicketRequest),
  /** Residents who said they have the same issue (followed it from the contact form). */
  followers: z.number().int(),
  /** Related tickets, in both directions. */
  links: z.array(TicketReference),
  /** The ticket this one was merged into (it is then closed), or null. */
  mergedInto: TicketReference.nullable(),
  /** Duplicates merged into this ticket; their messages are among `messages`. */
  mergedFrom: z.array(TicketReference),
  allowedActions: z.array(z.enum(ticketActions)),
  allowedStates: z.array(TicketState),
  /** The step of the type's workflow; null when the type follows the built-in states. */
  status: TicketStatusRef.nullable(),
  /** The statuses the caller may move the ticket to (its type's workflow); empty without one (use `allowedStates`). */
  allowedStatuses: z.array(TicketStatusRef),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketEdit = z
  .object({
    description: z.string().trim().min(1).max(5000),
    type: TicketType,
    /** One of the organisation's active types; wins over `type`. */
    typeId: Uuid,
    priority: Priority,
    language: Language,
    address: z.string().trim().max(200).nullable(),
    location: GeoPoint.nullable(),
    extraFields: ExtraFieldValues,
    tags: Tags,
  })
  .partial()
  .refine((e) => Object.keys(e).length > 0, { message: "nothing to change" });
export const Reclassify = z.object({ categoryId: Uuid, type: TicketType.optional(), typeId: Uuid.optional() });
export const Forward = z
  .object({ groupId: Uuid.optional(), handlerId: Uuid.optional(), note: z.string().trim().max(5000).optional() })
  .refine((f) => f.groupId || f.handlerId, { message: "a group or a handler is needed" });
export const SensitivityChange = z.object({ sensitive: z.boolean(), reason: z.string().trim().min(1).max(500) });
export type SensitivityChange = z.infer<typeof SensitivityChange>;
/**
 * A reply as rich text (`html`: sanitised by the server, which derives the plain text) or as plain
 * text (`body`); with both, the server still derives the text from the HTML.
 */
export const Reply = z
  .object({
    body: z.string().trim().min(1).max(20000).optional(),
    html: z.string().trim().min(1).max(100000).optional(),
    state: z.enum(["waiting_for_customer", "resolved"]).optional(),
  })
  .refine((r) => r.body !== undefined || r.html !== undefined, { message: "body or html is needed", path: ["html"] });
/**
 * An internal note. `mentions` names colleagues mentioned in it (their "@Name" is in the text): each
 * must be able to open the ticket already (a mention gives no access) and is notified.
 */
export const Note = z.object({
  body: z.string().trim().min(1).max(20000),
  mentions: z
    .array(Uuid)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, "each colleague at most once")
    .optional(),
});

/** Colleagues who may be mentioned in a note on the ticket: those who may open it, without the caller. */
export const MentionCandidates = z.object({ items: z.array(UserSummary) });
export type MentionCandidates = z.infer<typeof MentionCandidates>;
/** A move to a state (its phase) or to a status of the type's workflow (which sets the phase). */
export const StateChange = z
  .object({ state: TicketState.optional(), statusId: Uuid.optional(), reason: z.string().trim().max(1000).optional() })
  .refine((c) => c.state !== undefined || c.statusId !== undefined, { message: "a state or a status is needed", path: ["state"] });

/** A ticket named by its reference (as handlers see and type it), e.g. YH-2026-000123. */
const ReferenceInput = z.string().trim().toUpperCase().min(3).max(40);
export const LinkRequest = z.object({ reference: ReferenceInput });
/** Merges this ticket (the duplicate) into the ticket `reference`, which stays. */
export const MergeRequest = z.object({ reference: ReferenceInput });
export const SplitPart = z.object({
  description: z.string().trim().min(1).max(5000),
  categoryId: Uuid,
  /** A group to put the new ticket in; without it the new ticket is routed like any new contact. */
  groupId: Uuid.optional(),
});
export const SplitRequest = z.object({ parts: z.array(SplitPart).min(1).max(10) });
export type SplitRequest = z.infer<typeof SplitRequest>;

/** One change applied to many tickets, each through the same path (rights and events per ticket). */
export const BulkChange = z.discriminatedUnion("action", [
  z
    .object({ action: z.literal("assign"), groupId: Uuid.optional(), handlerId: Uuid.optional() })
    .refine((f) => f.groupId || f.handlerId, { message: "a group or a handler is needed" }),
  z.object({ action: z.literal("state"), state: TicketState, reason: z.string().trim().max(1000).optional() }),
  z.object({ action: z.literal("priority"), priority: Priority }),
]);
export const BulkRequest = z.object({ ticketIds: z.array(Uuid).min(1).max(100), change: BulkChange });
export type BulkRequest = z.infer<typeof BulkRequest>;
export const BulkResult = z.object({
  changed: z.array(z.object({ id: Uuid, reference: z.string() })),
  /** Why a ticket was not changed: the problem code (not_found, forbidden, invalid_transition, validation_failed…) and its detail. */
  refused: z.array(z.object({ id: Uuid, reference: z.string().nullable(), code: z.string(), detail: z.string() })),
});
export type BulkResult = z.infer<typeof BulkResult>;

/** Pushed over the staff websocket; the console re-reads what it shows. */
export const LiveEvent = z.object({
  type: z.enum(["ticket.created", "ticket.updated"]),
  ticketId: Uuid,
  reference: z.string(),
  groupId: Uuid.nullable(),
  state: TicketState,
  at: IsoDateTime,
});
export type LiveEvent = z.infer<typeof LiveEvent>;

/** Sent by the console over the live socket: which ticket the user has open, and whether they are typing. */
export const PresenceUpdate = z.object({ type: z.literal("presence"), ticketId: Uuid.nullable(), typing: z.boolean().default(false) });
export type PresenceUpdate = z.input<typeof PresenceUpdate>;

/** Sent to the console: the colleagues who have the same ticket open (collision warning). */
export const TicketPresence = z.object({
  type: z.literal("presence"),
  ticketId: Uuid,
  others: z.array(z.object({ userId: Uuid, name: z.string(), typing: z.boolean() })),
});
export type TicketPresence = z.infer<typeof TicketPresence>;
