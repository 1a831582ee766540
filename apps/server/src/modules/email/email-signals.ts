/**
 * Loop and noise classification of incoming email (REQUIREMENTS I8): bounces, automatic replies
 * and mailing-list mail are recognised from their headers, so that they are never answered
 * automatically, bounces mark the address instead of creating tickets, and an out-of-office answer
 * does not reopen a resolved ticket.
 */
import type { AddressObject, HeaderValue, ParsedMail } from "mailparser";

/** Loop and noise signals of an email's headers. */
export type EmailSignals = { bounce: boolean; autoReply: boolean; mailingList: boolean };

const headerText = (value: HeaderValue | undefined): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(" ");
  if (typeof value === "object" && "value" in value) return String((value as { value: unknown }).value ?? "");
  if (typeof value === "object" && "text" in value) return String((value as { text: unknown }).text ?? "");
  return "";
};

export const firstAddress = (from: AddressObject | AddressObject[] | undefined) => (Array.isArray(from) ? from[0] : from)?.value[0];

/**
 * Recognises bounces (a delivery status report, an empty return path, MAILER-DAEMON), automatic
 * replies (RFC 3834 Auto-Submitted other than `no`, X-Autoreply, X-Autorespond, Precedence
 * auto_reply/bulk/junk/list) and mailing-list mail (List-Id, List-Unsubscribe).
 * `envelopeFrom` is the SMTP MAIL FROM when known ("" for the null sender).
 */
export function emailSignals(parsed: ParsedMail, envelopeFrom?: string | null): EmailSignals {
  const h = parsed.headers;
  // Presence is read from the raw header lines: mailparser folds List-* headers into one `list` value.
  const has = (name: string) => parsed.headerLines.some((l) => l.key === name);
  const contentType = h.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  const report =
    contentType?.value?.toLowerCase() === "multipart/report" &&
    (contentType.params?.["report-type"] ?? "").toLowerCase() === "delivery-status";
  const returnPathLine = parsed.headerLines.find((l) => l.key === "return-path")?.line ?? "";
  const emptyReturnPath = /^return-path:\s*<\s*>\s*$/i.test(returnPathLine) || envelopeFrom === "";
  const fromAddress = (firstAddress(parsed.from)?.address ?? "").toLowerCase();
  const daemon = /^(mailer-daemon|postmaster)@/.test(fromAddress);
  const autoSubmitted = headerText(h.get("auto-submitted")).trim().toLowerCase();
  const precedence = headerText(h.get("precedence")).trim().toLowerCase();
  return {
    bounce: report || emptyReturnPath || daemon,
    autoReply:
      (autoSubmitted !== "" && autoSubmitted !== "no") ||
      has("x-autoreply") ||
      has("x-autorespond") ||
      ["auto_reply", "bulk", "junk", "list"].includes(precedence),
    mailingList: has("list-id") || has("list-unsubscribe"),
  };
}
