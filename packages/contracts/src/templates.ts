/** Reply templates and group signatures (REQUIREMENTS M3 replying). */
import { z } from "zod";
import { Language, Uuid } from "./common.ts";

/** The placeholders a template or signature may use. */
export const templatePlaceholders = ["resident.name", "ticket.reference", "handler.name", "group.name"] as const;
export type TemplatePlaceholder = (typeof templatePlaceholders)[number];

export const ReplyTemplate = z.object({
  id: Uuid,
  /** Null: for the whole organisation. */
  groupId: Uuid.nullable(),
  language: Language,
  name: z.string(),
  /** The plain text. */
  body: z.string(),
  /** The sanitised rich text (a plain-text template's text as paragraphs). */
  html: z.string(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;
export const ReplyTemplateList = z.object({ items: z.array(ReplyTemplate) });
export type ReplyTemplateList = z.infer<typeof ReplyTemplateList>;
/** Rich text (`html`, sanitised by the server, which derives the plain text) or plain text (`body`). */
export const NewReplyTemplate = z
  .object({
    groupId: Uuid.nullable(),
    language: Language,
    name: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(20000).optional(),
    html: z.string().trim().min(1).max(100000).optional(),
  })
  .refine((t) => t.body !== undefined || t.html !== undefined, { message: "body or html is needed", path: ["html"] });
export type NewReplyTemplate = z.infer<typeof NewReplyTemplate>;

export const GroupSignature = z.object({ groupId: Uuid, language: Language, body: z.string(), html: z.string() });
export const GroupSignatureList = z.object({ items: z.array(GroupSignature) });
export type GroupSignatureList = z.infer<typeof GroupSignatureList>;
/** Rich text (`html`) or plain text (`body`); empty (or neither) removes the signature. */
export const SignatureBody = z.object({ body: z.string().trim().max(2000).optional(), html: z.string().trim().max(20000).optional() });
export type SignatureBody = z.infer<typeof SignatureBody>;

/** The templates for one ticket (its group's and the organisation's, in its language), filled in. */
export const TicketTemplates = z.object({
  items: z.array(z.object({ id: Uuid, name: z.string(), text: z.string(), html: z.string(), unknown: z.array(z.string()) })),
  /** What will be appended to a reply, filled in; null without a signature. */
  signature: z.string().nullable(),
  /** The same as rich text. */
  signatureHtml: z.string().nullable(),
});
export type TicketTemplates = z.infer<typeof TicketTemplates>;
