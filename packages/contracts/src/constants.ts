/**
 * The plain values of the contract (enumerations, the state machine, `localize`), without zod, so
 * that the web apps can import them without bundling the schemas (`@yhteys/contracts/constants`).
 */

/** UI and content languages. Finnish is the default everywhere. */
export const languages = ["fi", "sv", "en"] as const;

/** Picks the text for a language, falling back to Finnish. */
export function localize(text: LocalizedText, language: Language): string {
  return text[language] || text.fi;
}

export const ticketTypes = ["feedback", "question", "fault_report", "service_request"] as const;
type TicketKind = (typeof ticketTypes)[number];

/**
 * What a form sends for the type chosen by key: a type the organisation added by id, a built-in
 * one (its key is its kind) by kind; nothing for an unknown key (the category's default applies).
 */
export function typeSelection(
  types: readonly { id: string | null; key: string; type: TicketKind }[],
  key: string,
): { type: TicketKind } | { typeId: string } | Record<string, never> {
  const chosen = types.find((x) => x.key === key);
  if (!chosen) return {};
  return chosen.id && chosen.key !== chosen.type ? { typeId: chosen.id } : { type: chosen.type };
}

/** Where a contact came in. Staff-recorded contacts use phone, visit or other; internal customers' requests use internal. */
export const channels = ["web", "mobile", "open311", "email", "chat", "phone", "visit", "social", "internal", "other"] as const;

/** The channels of contacts that staff record themselves. */
export const staffRecordedChannels = ["phone", "visit", "other"] as const;

/** Where a recorded contact goes: by the automation rules and categories, or to the recorder's own group (and them). */
export const recordedRoutes = ["rules", "my_group", "me"] as const;

export const ticketStates = ["new", "in_progress", "waiting_for_customer", "resolved", "closed_unnecessary"] as const;

/** States in which the ticket is finished; leaving them is a reopen. */
export const finishedStates: readonly TicketState[] = ["resolved", "closed_unnecessary"];
/** States of tickets still being worked on: a queue's default view. */
export const openStates: readonly TicketState[] = ["new", "in_progress", "waiting_for_customer"];

/** The transitions a handler may make from each state. */
export const stateTransitions: Record<TicketState, readonly TicketState[]> = {
  new: ["in_progress", "waiting_for_customer", "resolved", "closed_unnecessary"],
  in_progress: ["waiting_for_customer", "resolved", "closed_unnecessary"],
  waiting_for_customer: ["in_progress", "resolved", "closed_unnecessary"],
  resolved: ["in_progress"],
  closed_unnecessary: ["in_progress"],
};

export const priorities = ["low", "normal", "high", "urgent"] as const;

/** Data types of admin-defined extra fields; a superset that maps onto Open311 attribute datatypes. */
export const extraFieldTypes = ["string", "text", "number", "date", "boolean", "singlevaluelist", "multivaluelist"] as const;

export const roles = [
  "technical_admin",
  "content_admin",
  "service_advisor",
  "expert",
  "reporter",
  "viewer",
  "internal_customer",
  "external_partner",
] as const;

/** "relevance" orders search results by rank (with `q`); otherwise it falls back to createdAt. */
export const ticketSortFields = ["createdAt", "updatedAt", "priority", "reference", "relevance"] as const;

export const messageKinds = ["resident", "reply", "note"] as const;

export const actorKinds = ["user", "resident", "api_client", "system"] as const;

/** What happens to tickets: the types of ticket events (history, live updates, webhooks). */
export const ticketEventTypes = [
  "ticket.created",
  "ticket.edited",
  "ticket.reclassified",
  "ticket.forwarded",
  "ticket.replied",
  "ticket.noted",
  "ticket.state_changed",
  "ticket.resident_message",
  "ticket.rules_applied",
  "ticket.attachment_added",
  "ticket.attachment_processed",
  "ticket.comment_requested",
  "ticket.sent_for_information",
  "ticket.comment_answered",
  "ticket.followed",
  "ticket.sla_warning",
  "ticket.sla_breached",
  "ticket.sensitivity_changed",
  "ticket.phone_call",
  "ticket.callback_done",
  "ticket.external_sent",
  "ticket.external_updated",
  "ticket.external_returned",
  "ticket.email_failed",
  "ticket.email_unsubscribed",
  "ticket.email_bounced",
  "ticket.published",
  "ticket.unpublished",
  "ticket.linked",
  "ticket.unlinked",
  "ticket.merged",
  "ticket.merged_from",
  "ticket.split",
  "ticket.split_from",
  "ticket.rule_notified",
  "ticket.rule_forwarded",
] as const;

export const ticketActions = [
  "edit",
  "reclassify",
  "forward",
  "reply",
  "note",
  "changeState",
  "request",
  "link",
  "merge",
  "split",
  "publish",
] as const;

// The same types as the schemas infer, declared here so that this file needs no zod.
type Language = (typeof languages)[number];
type TicketState = (typeof ticketStates)[number];
type LocalizedText = { fi: string; sv?: string | undefined; en?: string | undefined };

/** Statuses shown on the public feedback map: fewer and plainer than the internal states. */
export const publicStatuses = ["received", "in_progress", "resolved", "closed"] as const;

export function publicStatusOf(state: TicketState): (typeof publicStatuses)[number] {
  if (state === "new") return "received";
  if (state === "resolved") return "resolved";
  if (state === "closed_unnecessary") return "closed";
  return "in_progress";
}

/** Tickets near a ticket: the default and the largest radius in metres. */
export const NEARBY_TICKETS_DEFAULT_METRES = 250;
export const NEARBY_TICKETS_MAX_METRES = 2000;
/** The nearest this many are listed. */
export const NEARBY_TICKETS_LIMIT = 50;

/** The text with the given removals (publishing's `Removal`) applied; they must not overlap; any order. */
export function applyRemovals(text: string, removals: readonly { start: number; end: number; replacement: string }[]): string {
  let out = "";
  let at = 0;
  for (const r of [...removals].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, r.start) + r.replacement;
    at = r.end;
  }
  return out + text.slice(at);
}

/** The dimensions a report summary can be broken down by: attributes of the ticket, or calendar buckets. */
export const reportDimensions = ["group", "category", "channel", "area", "type", "priority", "handler", "week", "month", "day"] as const;
export type ReportDimension = (typeof reportDimensions)[number];
/** The breakdowns by calendar time: a row is a day, week (ISO, from Monday) or month in Finnish time. */
export const timeDimensions: readonly ReportDimension[] = ["day", "week", "month"];
/** The longest period a report summary covers, in days (two years and a leap day). */
export const REPORT_MAX_DAYS = 731;
