/** Outgoing email: the organisation's sender settings, deliveries for admins, and unsubscribing. */
import { z } from "zod";
import { IsoDateTime, Language, Uuid } from "./common.ts";

export const emailKinds = ["confirmation", "reply", "resolved", "closed", "test", "external"] as const;
export const emailStates = ["queued", "sent", "failed", "unconfigured", "suppressed"] as const;
/**
 * Why an email was not sent, classified by the server when it happens (SMTP reply codes, enhanced
 * status codes and connection errors) so admins read a stable reason rather than relay text.
 * `no_relay` and `no_sender` are the installation's and organisation's missing settings.
 */
export const emailFailureReasons = [
  "recipient_refused",
  "mailbox_full",
  "sender_refused",
  "auth_failed",
  "connection_failed",
  "timeout",
  "tls",
  "message_too_large",
  "temporary",
  "no_relay",
  "no_sender",
  "other",
] as const;
export type EmailFailureReason = (typeof emailFailureReasons)[number];

const Address = z.email().max(254);
const DomainName = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a domain name such as kaupunki.fi");
const Selector = z
  .string()
  .trim()
  .max(63)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/, "letters, digits, dots, dashes");
/** A PEM private key (PKCS#8 or PKCS#1 RSA); checked for shape here and parsed by the server. */
const PrivateKeyPem = z
  .string()
  .trim()
  .max(10_000)
  .regex(/^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/, "a PEM private key");

/** The sender settings as the API shows them: the DKIM key itself is never returned. */
export const MailSettings = z.object({
  fromName: z.string(),
  fromAddress: z.string(),
  replyTo: z.string().nullable(),
  dkim: z.object({ domain: z.string(), selector: z.string(), keySet: z.boolean() }).nullable(),
  /** Whether the installation has an SMTP relay (SMTP_URL); without one nothing is sent. */
  transportConfigured: z.boolean(),
  updatedAt: IsoDateTime.nullable(),
});
export type MailSettings = z.infer<typeof MailSettings>;

export const MailSettingsUpdate = z
  .object({
    fromName: z.string().trim().min(1).max(200),
    fromAddress: Address,
    /** The mailbox whose incoming mail is routed back to the ticket. */
    replyTo: Address.nullable().default(null),
    /** Null switches DKIM off; `privateKey` left out keeps the stored key. */
    dkim: z.object({ domain: DomainName, selector: Selector, privateKey: PrivateKeyPem.optional() }).nullable().default(null),
  })
  .strict();
export type MailSettingsUpdate = z.input<typeof MailSettingsUpdate>;

export const TestEmail = z.object({ to: Address }).strict();
export type TestEmail = z.infer<typeof TestEmail>;

/** One email for admins: no address, no text; the ticket reference and what went wrong. */
export const EmailDelivery = z.object({
  id: Uuid,
  ticket: z.object({ id: Uuid, reference: z.string() }).nullable(),
  kind: z.enum(emailKinds),
  recipient: z.enum(["resident", "follower", "test", "external"]),
  language: Language,
  state: z.enum(emailStates),
  attempts: z.number().int(),
  /** The relay's own words (addresses removed), for technical admins. */
  lastError: z.string().nullable(),
  /** Why the last attempt failed; null when it did not (or before reasons were recorded). */
  failureReason: z.enum(emailFailureReasons).nullable(),
  messageId: z.string(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
});
export type EmailDelivery = z.infer<typeof EmailDelivery>;

export const EmailDeliveryList = z.object({ items: z.array(EmailDelivery) });
export type EmailDeliveryList = z.infer<typeof EmailDeliveryList>;

export const EmailDeliveryQuery = z.object({
  /** `failed` lists emails that failed or could not be sent for want of settings. */
  state: z.enum(["failed", "all"]).default("failed"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type EmailDeliveryQuery = z.infer<typeof EmailDeliveryQuery>;

/** What the unsubscribe page shows: the reference and the email's language. */
export const UnsubscribeReceipt = z.object({ reference: z.string(), language: Language, unsubscribed: z.boolean() });
export type UnsubscribeReceipt = z.infer<typeof UnsubscribeReceipt>;
