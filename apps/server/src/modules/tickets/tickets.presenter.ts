/** Turns ticket rows into what a caller may see; personal data only through `seesCustomer`. */
import type { LocalizedText, TicketDetail, TicketMessage, TicketRow } from "@yhteys/contracts";
import type { ticketMessages, tickets } from "../../db/schema.ts";
import { slaClock } from "../sla/sla.ts";

type Ticket = typeof tickets.$inferSelect;

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const SUMMARY_LENGTH = 160;
export const summarise = (text: string) => (text.length <= SUMMARY_LENGTH ? text : `${text.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`);

export type TicketRowSource = Pick<
  Ticket,
  | "id"
  | "reference"
  | "type"
  | "typeId"
  | "state"
  | "priority"
  | "channel"
  | "categoryId"
  | "groupId"
  | "handlerId"
  | "description"
  | "address"
  | "createdAt"
  | "updatedAt"
  | "firstResponseAt"
  | "resolvedAt"
  | "firstResponseDueAt"
  | "resolutionDueAt"
  | "slaPausedAt"
  | "sensitive"
  | "tags"
> & { categoryName: LocalizedText; groupName: LocalizedText | null; handlerName: string | null; statusName: LocalizedText | null };

/** Around a matched word in a search's passages (`matchedPassages`): control characters, removed from the text beforehand. */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";
/** Between two passages. */
export const PASSAGE_DELIMITER = " … ";

/** Splits a search's passages into the text and its matched words' offsets; null when nothing in it matched. */
function markedMatches(passages: string): { text: string; matches: [number, number][] } | null {
  const matches: [number, number][] = [];
  let text = "";
  let start = -1;
  for (const ch of passages) {
    if (ch === MATCH_START) start = text.length;
    else if (ch === MATCH_END) {
      if (start >= 0 && text.length > start) matches.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return matches.length ? { text, matches } : null;
}

/**
 * With a text search, the summary is the description's passages around the matches (marked as in
 * `markedMatches`), with an ellipsis where the description goes on before or after them.
 */
function searchSummary(description: string, passages: string | undefined): Pick<TicketRow, "summary" | "summaryMatches"> {
  const marked = passages ? markedMatches(passages) : null;
  if (!marked) return { summary: summarise(description) };
  const fragments = marked.text.split(PASSAGE_DELIMITER);
  const before = description.trimStart().startsWith(fragments[0] ?? "") ? "" : "… ";
  const after = description.trimEnd().endsWith(fragments.at(-1) ?? "") ? "" : " …";
  return {
    summary: `${before}${marked.text}${after}`,
    summaryMatches: marked.matches.map(([start, end]) => [start + before.length, end + before.length]),
  };
}

export function toTicketRow(t: TicketRowSource & { passages?: string }): TicketRow {
  return {
    id: t.id,
    reference: t.reference,
    type: t.type,
    typeId: t.typeId,
    state: t.state,
    statusName: t.statusName,
    priority: t.priority,
    channel: t.channel,
    category: { id: t.categoryId, name: t.categoryName },
    group: t.groupId && t.groupName ? { id: t.groupId, name: t.groupName } : null,
    handler: t.handlerId && t.handlerName ? { id: t.handlerId, name: t.handlerName } : null,
    ...searchSummary(t.description, t.passages),
    address: t.address,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    sla: {
      firstResponse: slaClock(t.firstResponseDueAt, t.firstResponseAt, t.slaPausedAt),
      resolution: slaClock(t.resolutionDueAt, t.resolvedAt, t.slaPausedAt),
      paused: t.slaPausedAt !== null,
    },
    sensitive: t.sensitive,
    tags: t.tags,
  };
}

export function toTicketDetail(
  t: TicketRowSource & Ticket,
  extra: Pick<
    TicketDetail,
    | "customer"
    | "messages"
    | "history"
    | "attachments"
    | "requests"
    | "followers"
    | "links"
    | "mergedInto"
    | "mergedFrom"
    | "allowedActions"
    | "allowedStates"
    | "status"
    | "allowedStatuses"
  >,
): TicketDetail {
  return {
    ...toTicketRow(t),
    description: t.description,
    language: t.language,
    location: t.lat !== null && t.lon !== null ? { lat: t.lat, lon: t.lon } : null,
    extraFields: t.extraFields,
    firstResponseAt: isoOrNull(t.firstResponseAt),
    resolvedAt: isoOrNull(t.resolvedAt),
    statusChangedAt: iso(t.statusChangedAt),
    publishConsent: t.publishConsent,
    ...extra,
  };
}

/**
 * A message as staff see it; `mergedFrom` names the duplicate it came from when shown on the merged
 * ticket; `names` gives the names of colleagues mentioned in a note.
 */
export const toTicketMessage = (
  m: Pick<typeof ticketMessages.$inferSelect, "id" | "kind" | "body" | "createdAt"> & { bodyHtml?: string | null; mentions?: string[] },
  author: string | null,
  mergedFrom: TicketMessage["mergedFrom"] = null,
  names: ReadonlyMap<string, string> = new Map(),
): TicketMessage => ({
  id: m.id,
  kind: m.kind,
  author,
  body: m.body,
  html: m.bodyHtml ?? null,
  createdAt: iso(m.createdAt),
  mergedFrom,
  mentions: (m.mentions ?? []).flatMap((id) => {
    const name = names.get(id);
    return name ? [{ id, name }] : [];
  }),
});
