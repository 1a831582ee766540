import { z } from "zod";
import { AttachmentLimits, PublicAttachment } from "./attachments.ts";
import { GeoPoint, IsoDateTime, Language, LocalizedText, Uuid } from "./common.ts";
import { MapSettings } from "./places.ts";
import { Category, ExtraFieldValues, TicketState, TicketType } from "./tickets.ts";
import { TypeChoice } from "./workflows.ts";

export const Instance = z.object({ defaultOrganisation: z.string() });
export type Instance = z.infer<typeof Instance>;

export const PublicOrganisation = z.object({
  slug: z.string(),
  name: LocalizedText,
  languages: z.array(Language),
  /** What the contact form and the tracking page may upload. */
  attachments: AttachmentLimits,
  /** The base map of the location picker. */
  map: MapSettings,
  /** The ticket types offered on the form, in order; `name` null keeps the standard name. */
  types: z.array(TypeChoice),
  /** The organisation's logo (its theme), shown in the portal's header. */
  logoUrl: z.string().nullable(),
});
export type PublicOrganisation = z.infer<typeof PublicOrganisation>;

export const CategoryList = z.object({ items: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;

/** A resident's contact details, all optional. */
export const ContactDetails = z.object({
  name: z.string().trim().max(120).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/)
    .optional(),
});

/** A reply needs somewhere to send it. */
export const replyReachable = (s: {
  wantsReply: boolean;
  contact?: { email?: string | undefined; phone?: string | undefined } | undefined;
}) => !s.wantsReply || Boolean(s.contact?.email || s.contact?.phone);

/** The fields of a contact, from the public form or recorded by staff. Personal data only when a reply is wanted. */
export const ContactFields = z.object({
  categoryId: Uuid,
  /** A base kind; the category's default applies when neither this nor `typeId` is given. */
  type: TicketType.optional(),
  /** One of the organisation's active types (`types` of the organisation); wins over `type`. */
  typeId: Uuid.optional(),
  description: z.string().trim().min(3).max(5000),
  language: Language.default("fi"),
  location: GeoPoint.optional(),
  address: z.string().trim().max(200).optional(),
  extraFields: ExtraFieldValues.default({}),
  wantsReply: z.boolean().default(false),
  contact: ContactDetails.optional(),
});

/** A reply needs an address or a phone number to reach. */
export const replyReachableIssue = { message: "an email address or a phone number is needed for a reply", path: ["contact"] };

/** What a resident sends. */
export const ContactSubmission = ContactFields.extend({
  /**
   * The resident's answer to "my message and the city's answer may be published on the feedback
   * map without personal data". Leave it out when the resident was not asked; false refuses publishing.
   */
  publishConsent: z.boolean().optional(),
  /** Honeypot: hidden from people, filled by naive bots. Must stay empty. */
  website: z.string().max(0, "must be empty").optional(),
}).refine(replyReachable, replyReachableIssue);
export type ContactSubmission = z.input<typeof ContactSubmission>;

export const ContactReceipt = z.object({
  reference: z.string(),
  trackingToken: z.string(),
  state: TicketState,
  createdAt: IsoDateTime,
});
export type ContactReceipt = z.infer<typeof ContactReceipt>;

/** One message of a contact's conversation as its resident sees it. */
export const TrackedMessage = z.object({
  from: z.enum(["resident", "city"]),
  body: z.string(),
  /** The city's reply as sanitised rich text; null for plain text (show `body`). */
  html: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type TrackedMessage = z.infer<typeof TrackedMessage>;

/** More information or a reply that the resident writes on the tracking page. */
export const ResidentMessageInput = z.object({
  body: z.string().trim().min(1).max(5000),
});
export type ResidentMessageInput = z.input<typeof ResidentMessageInput>;

/** The message as it now shows on the tracking page, and the contact's state after it (a finished contact reopens). */
export const ResidentMessageReceipt = z.object({
  message: TrackedMessage,
  state: TicketState,
  reopened: z.boolean(),
});
export type ResidentMessageReceipt = z.infer<typeof ResidentMessageReceipt>;

/** The resident's view of their own contact: no staff names, no internal notes. */
export const TrackedContact = z.object({
  reference: z.string(),
  type: TicketType,
  /** The organisation's name for the ticket's type; null keeps the standard name of `type`. */
  typeName: LocalizedText.nullable(),
  state: TicketState,
  /** The public name of the ticket's workflow status, when the city gave it one; else show the state's name. */
  statusName: LocalizedText.nullable(),
  category: z.object({ id: Uuid, name: LocalizedText }),
  description: z.string(),
  address: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  messages: z.array(TrackedMessage),
  timeline: z.array(z.object({ state: TicketState, at: IsoDateTime })),
  /** The photos and files the resident attached, oldest first. */
  attachments: z.array(PublicAttachment),
  /** What the resident answered about publishing on the feedback map; null when not asked. */
  publishConsent: z.boolean().nullable(),
  /**
   * Set when the city combined this contact with another about the same thing, which carries on:
   * its reference, state and last change, and whether it is on the public feedback map (its page
   * can then be followed). The resident hears of its progress by email as one of its followers.
   */
  mergedInto: z.object({ reference: z.string(), state: TicketState, updatedAt: IsoDateTime, published: z.boolean() }).nullable(),
});
export type TrackedContact = z.infer<typeof TrackedContact>;
