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
  body: z.string(),
});
export type ReplyTemplate = z.infer<typeof ReplyTemplate>;
export const ReplyTemplateList = z.object({ items: z.array(ReplyTemplate) });
export type ReplyTemplateList = z.infer<typeof ReplyTemplateList>;
export const NewReplyTemplate = z.object({
  groupId: Uuid.nullable(),
  language: Language,
  name: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20000),
});
export type NewReplyTemplate = z.infer<typeof NewReplyTemplate>;

export const GroupSignature = z.object({ groupId: Uuid, language: Language, body: z.string() });
export const GroupSignatureList = z.object({ items: z.array(GroupSignature) });
export type GroupSignatureList = z.infer<typeof GroupSignatureList>;
/** An empty body removes the signature. */
export const SignatureBody = z.object({ body: z.string().trim().max(2000) });

/** The templates for one ticket (its group's and the organisation's, in its language), filled in. */
export const TicketTemplates = z.object({
  items: z.array(z.object({ id: Uuid, name: z.string(), text: z.string(), unknown: z.array(z.string()) })),
  /** What will be appended to a reply, filled in; null without a signature. */
  signature: z.string().nullable(),
});
export type TicketTemplates = z.infer<typeof TicketTemplates>;
