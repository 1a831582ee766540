/**
 * Contacts that do not come through the public form: phone calls and visits that staff record
 * themselves, and internal customers' (city employees') internal service requests.
 */
import { z } from "zod";
import { GeoPoint, IsoDateTime, Language, LocalizedText, Uuid } from "./common.ts";
import { recordedRoutes, staffRecordedChannels } from "./constants.ts";
import { ContactFields, replyReachable, replyReachableIssue } from "./public.ts";
import { ExtraFieldValues, TicketState } from "./tickets.ts";

/** A phone call or visit recorded by staff: the public form's fields plus the channel and the routing. */
export const RecordedContact = ContactFields.extend({
  channel: z.enum(staffRecordedChannels),
  route: z.enum(recordedRoutes).default("rules"),
  /** With `my_group` or `me`: which of the recorder's groups (default: their first). */
  groupId: Uuid.optional(),
}).refine(replyReachable, replyReachableIssue);
export type RecordedContact = z.input<typeof RecordedContact>;

export const RecordedContactReceipt = z.object({
  id: Uuid,
  reference: z.string(),
  groupId: Uuid.nullable(),
  handlerId: Uuid.nullable(),
});
export type RecordedContactReceipt = z.infer<typeof RecordedContactReceipt>;

/** An internal service request: the employee is known, so no contact details are asked. */
export const InternalRequestSubmission = z.object({
  categoryId: Uuid,
  description: z.string().trim().min(3).max(5000),
  language: Language.default("fi"),
  location: GeoPoint.optional(),
  address: z.string().trim().max(200).optional(),
  extraFields: ExtraFieldValues.default({}),
});
export type InternalRequestSubmission = z.input<typeof InternalRequestSubmission>;

export const InternalRequestSummary = z.object({
  id: Uuid,
  reference: z.string(),
  state: TicketState,
  category: z.object({ id: Uuid, name: LocalizedText }),
  description: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type InternalRequestSummary = z.infer<typeof InternalRequestSummary>;
export const InternalRequestList = z.object({ items: z.array(InternalRequestSummary) });
export type InternalRequestList = z.infer<typeof InternalRequestList>;

/** What the requester sees of their request: the answers, never internal notes or staff names. */
export const InternalRequestDetail = InternalRequestSummary.extend({
  address: z.string().nullable(),
  messages: z.array(z.object({ from: z.enum(["me", "city"]), body: z.string(), html: z.string().nullable(), createdAt: IsoDateTime })),
  timeline: z.array(z.object({ state: TicketState, at: IsoDateTime })),
});
export type InternalRequestDetail = z.infer<typeof InternalRequestDetail>;

export const InternalRequestMessage = z.object({ body: z.string().trim().min(1).max(5000) });
export type InternalRequestMessage = z.input<typeof InternalRequestMessage>;
