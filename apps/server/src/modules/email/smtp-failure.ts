/**
 * Why an email was not sent, read from what nodemailer reports: the SMTP reply code
 * (`responseCode`), the enhanced status code in the reply text (RFC 3463, e.g. `5.1.1`), the
 * command the server refused, and nodemailer's or the socket's error code. Classified once, when
 * the failure happens, into the stable `emailFailureReasons` the admin page explains in plain
 * language; the relay's own text is kept beside it for technical admins.
 */
import type { EmailFailureReason } from "@yhteys/contracts";

/** The fields of a nodemailer send error this reads (all optional: any thrown value may arrive). */
export type SmtpFailure = { message?: string; code?: string; responseCode?: number; command?: string; response?: string };

/** RFC 3463 subjects and details (`class.subject.detail` without the class) and what they mean here. */
const enhancedStatus: Record<string, EmailFailureReason> = {
  "1.1": "recipient_refused", // bad destination mailbox address
  "1.2": "recipient_refused", // bad destination system
  "1.3": "recipient_refused", // bad destination mailbox address syntax
  "1.6": "recipient_refused", // mailbox has moved
  "1.7": "sender_refused", // bad sender's mailbox address syntax
  "1.8": "sender_refused", // bad sender's system address
  "2.1": "recipient_refused", // mailbox disabled
  "2.2": "mailbox_full",
  "2.3": "message_too_large", // message longer than the mailbox allows
  "3.4": "message_too_large", // message too big for the system
  "4.7": "timeout", // delivery time expired
  "7.8": "auth_failed", // authentication credentials invalid
  "7.9": "auth_failed", // authentication mechanism too weak
  "7.10": "tls", // encryption needed
  "7.11": "tls", // encryption required for the requested authentication mechanism
};

const CONNECTION = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b/;
const TLS = /\b(STARTTLS|TLS|SSL)\b|certificate|self[- ]signed|wrong version number/i;
const TIMEOUT = /\bETIMEDOUT\b|timed? ?out|greeting never received/i;
const TOO_LARGE = /\bsize\b|too (large|big|long)/i;
const FULL = /quota|mailbox (is )?full|storage/i;

/** The reason of one failed send; `other` when nothing known matches. */
export function classifySmtpFailure(error: SmtpFailure): EmailFailureReason {
  const text = `${error.response ?? ""} ${error.message ?? ""}`;
  const code = error.code ?? "";
  const reply = error.responseCode ?? 0;
  const enhanced = /\b[245]\.(\d{1,3}\.\d{1,3})\b/.exec(text)?.[1];
  const known = enhanced ? enhancedStatus[enhanced] : undefined;
  if (known) return known;
  if (code === "EAUTH" || code === "ENOAUTH" || reply === 535 || reply === 534) return "auth_failed";
  // Before reply codes: "530 Must issue a STARTTLS command first" is about encryption, not login.
  if (code === "ETLS" || TLS.test(text)) return "tls";
  if (reply === 530) return "auth_failed";
  if (code === "ETIMEDOUT" || TIMEOUT.test(text)) return "timeout";
  if (code === "EDNS" || code === "ECONNECTION" || CONNECTION.test(text) || CONNECTION.test(code)) return "connection_failed";
  if (error.command === "MAIL FROM" && reply >= 500) return "sender_refused";
  if ((reply === 552 || reply === 452) && FULL.test(text)) return "mailbox_full";
  if (reply === 552) return TOO_LARGE.test(text) || error.command === "DATA" ? "message_too_large" : "mailbox_full";
  if (reply >= 400 && reply < 500) return "temporary";
  if (reply === 550 || reply === 551 || reply === 553 || (reply === 554 && error.command === "RCPT TO")) return "recipient_refused";
  // A socket that failed for another reason (closed mid-conversation) is still a connection problem.
  if (code === "ESOCKET") return "connection_failed";
  return "other";
}
