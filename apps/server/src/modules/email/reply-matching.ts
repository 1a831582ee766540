/**
 * Which ticket an incoming email answers (REQUIREMENTS M1): our own Message-IDs in its
 * In-Reply-To/References (`<YH-2026-000123.random@domain>`), an earlier ingested email it answers,
 * or the reference in its subject (`[YH-2026-000123]`). Bounces are matched by our Message-ID
 * anywhere in the returned report.
 */
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import type { Tx } from "../../db/client.ts";
import { inboundEmails, tickets } from "../../db/schema.ts";

/** Ticket references named by our own Message-IDs: `<YH-2026-000123.random@domain>`. */
const OUR_MESSAGE_ID = /<([A-Z][A-Z0-9]{0,15}-\d{4}-\d{6,})\.[^<>@\s]+@[^<>\s]+>/g;
/** A reference in a subject: `[YH-2026-000123]`. */
const SUBJECT_REFERENCE = /\[([A-Z][A-Z0-9]{0,15}-\d{4}-\d{6,})\]/;

const idList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((v) => v.match(/<[^<>]+>/g) ?? [v.trim()]);

/** Message-IDs this email answers: In-Reply-To first, then References from the newest. */
export function answeredIds(parsed: ParsedMail): string[] {
  return [...idList(parsed.inReplyTo), ...idList(parsed.references).reverse()].filter(Boolean);
}

/** Ticket references that our Message-IDs in `text` name, in order. */
function referencesInIds(text: string): string[] {
  return [...text.matchAll(OUR_MESSAGE_ID)].map((m) => m[1] as string);
}

const subjectReference = (subject: string | undefined): string | null => subject?.match(SUBJECT_REFERENCE)?.[1] ?? null;

export type ThreadTicket = Pick<typeof tickets.$inferSelect, "id" | "organisationId" | "reference" | "state" | "customerId">;

/**
 * The ticket an email belongs to, in the same organisation: named by one of our Message-IDs that
 * it answers, by an earlier ingested email it answers, or by `[reference]` in its subject. For a
 * bounce, our Message-ID anywhere in the report (the returned headers) names it.
 */
export async function threadedTicket(tx: Tx, orgId: string, parsed: ParsedMail, bounceSource: string): Promise<ThreadTicket | null> {
  const answered = answeredIds(parsed);
  const references = [...referencesInIds(answered.join(" ")), ...referencesInIds(bounceSource)];
  const subject = subjectReference(parsed.subject);
  if (subject) references.push(subject);
  const columns = {
    id: tickets.id,
    organisationId: tickets.organisationId,
    reference: tickets.reference,
    state: tickets.state,
    customerId: tickets.customerId,
  };
  for (const reference of references) {
    const [ticket] = await tx
      .select(columns)
      .from(tickets)
      .where(and(eq(tickets.organisationId, orgId), eq(tickets.reference, reference)))
      .for("update");
    if (ticket) return ticket;
  }
  // A resident answering their own earlier email (e.g. adding something) joins its ticket too.
  for (const id of answered.slice(0, 20)) {
    const [ticket] = await tx
      .select(columns)
      .from(inboundEmails)
      .innerJoin(tickets, eq(tickets.id, inboundEmails.ticketId))
      .where(and(eq(inboundEmails.organisationId, orgId), eq(inboundEmails.messageKey, id)))
      .for("update", { of: tickets });
    if (ticket) return ticket;
  }
  return null;
}
