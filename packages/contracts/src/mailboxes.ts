/**
 * Incoming email (REQUIREMENTS I8): mailboxes that technical admins configure per handler group,
 * read over IMAP or received by the built-in SMTP listener. The IMAP password is write-only.
 */
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.ts";

export const mailboxKinds = ["imap", "smtp"] as const;
/** `pending`: not read yet; `ok`: the last check worked; `error`: it failed (see `lastError`). */
export const mailboxStatuses = ["pending", "ok", "error"] as const;

export const MailboxKind = z.enum(mailboxKinds);
export type MailboxKind = z.infer<typeof MailboxKind>;

const EmailAddress = z.email().max(320);
const Host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, "a host name or address");

export const Mailbox = z.object({
  id: Uuid,
  address: z.string(),
  kind: MailboxKind,
  groupId: Uuid,
  categoryId: Uuid,
  active: z.boolean(),
  imap: z
    .object({
      host: z.string(),
      port: z.number().int(),
      tls: z.boolean(),
      user: z.string(),
      folder: z.string(),
      /** Whether a password is stored; the password itself is never returned. */
      hasPassword: z.boolean(),
    })
    .nullable(),
  status: z.enum(mailboxStatuses),
  lastError: z.string().nullable(),
  lastCheckedAt: IsoDateTime.nullable(),
  lastUid: z.number().int(),
  ingested: z.number().int(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Mailbox = z.infer<typeof Mailbox>;
export const MailboxList = z.object({ items: z.array(Mailbox) });
export type MailboxList = z.infer<typeof MailboxList>;

export const MailboxImapSettings = z.object({
  host: Host,
  port: z.number().int().min(1).max(65535).default(993),
  tls: z.boolean().default(true),
  user: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
  folder: z.string().min(1).max(200).default("INBOX"),
});

export const NewMailbox = z
  .object({
    address: EmailAddress,
    kind: MailboxKind,
    groupId: Uuid,
    categoryId: Uuid,
    active: z.boolean().optional(),
    imap: MailboxImapSettings.optional(),
  })
  .refine((m) => m.kind !== "imap" || m.imap, { message: "an IMAP mailbox needs its IMAP settings", path: ["imap"] })
  .refine((m) => m.kind !== "smtp" || !m.imap, { message: "an SMTP mailbox has no IMAP settings", path: ["imap"] });
export type NewMailbox = z.infer<typeof NewMailbox>;

/** Leaving out the password keeps the stored one. */
export const MailboxUpdate = z.object({
  address: EmailAddress.optional(),
  groupId: Uuid.optional(),
  categoryId: Uuid.optional(),
  active: z.boolean().optional(),
  imap: MailboxImapSettings.partial().optional(),
});
export type MailboxUpdate = z.infer<typeof MailboxUpdate>;

/** The outcome of "check now": the mailbox's status after one read, and how many emails it ingested. */
export const MailboxCheck = z.object({ mailbox: Mailbox, ingested: z.number().int() });
export type MailboxCheck = z.infer<typeof MailboxCheck>;
