/**
 * Channels other than the web (REQUIREMENTS I4, I6, I7, I8): contact-centre telephony (calls and
 * callback requests), admin-defined generic inbound channels with outbound replies, API clients
 * with permissions, and routing categories to an external Open311 GeoReport v2 system.
 */
import { z } from "zod";
import { IsoDateTime, Language, Uuid } from "./common.ts";
import { WebhookUrl } from "./webhooks.ts";

/** What an API client key may do; a key without `open311` still submits Open311 requests (the old default). */
export const apiClientPermissions = ["open311", "telephony"] as const;
export const ApiClientPermission = z.enum(apiClientPermissions);
export type ApiClientPermission = z.infer<typeof ApiClientPermission>;

export const ApiClient = z.object({
  id: Uuid,
  name: z.string(),
  permissions: z.array(ApiClientPermission),
  /** Where telephony contacts go when the call names no category. */
  defaultCategoryId: Uuid.nullable(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
export type ApiClient = z.infer<typeof ApiClient>;
export const ApiClientList = z.object({ items: z.array(ApiClient) });
export type ApiClientList = z.infer<typeof ApiClientList>;
/** Answer to creating a client: its key, shown this once. */
export const CreatedApiClient = ApiClient.extend({ apiKey: z.string() });
export type CreatedApiClient = z.infer<typeof CreatedApiClient>;
export const NewApiClient = z.object({
  name: z.string().trim().min(1).max(200),
  permissions: z.array(ApiClientPermission).max(apiClientPermissions.length).default([]),
  defaultCategoryId: Uuid.nullable().default(null),
});
export type NewApiClient = z.input<typeof NewApiClient>;
export const ApiClientUpdate = z
  .object({
    name: z.string().trim().min(1).max(200),
    permissions: z.array(ApiClientPermission).max(apiClientPermissions.length),
    defaultCategoryId: Uuid.nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, "Change at least one field");
export type ApiClientUpdate = z.input<typeof ApiClientUpdate>;

/** A phone number as telephony systems send it: digits with an optional leading +, spaces and dashes allowed. */
export const PhoneNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{3,30}$/, "a phone number");

/** A call's record and transcript from the contact-centre system (e.g. Telia ACE). */
export const PhoneCall = z
  .object({
    /** The telephony system's id of the call: sending it again changes nothing (idempotency). */
    callId: z.string().trim().min(1).max(200),
    callerNumber: PhoneNumber,
    queue: z.string().trim().max(200).optional(),
    agent: z.string().trim().max(200).optional(),
    startedAt: IsoDateTime,
    endedAt: IsoDateTime.optional(),
    /** The speech-to-text transcript; may be empty for a call that only left a record. */
    transcript: z.string().max(100_000).default(""),
    /** A service (category) code; the client's default category otherwise. */
    categoryCode: z.string().trim().max(100).optional(),
    language: Language.default("fi"),
    callerName: z.string().trim().max(200).optional(),
  })
  .refine((c) => !c.endedAt || Date.parse(c.endedAt) >= Date.parse(c.startedAt), {
    path: ["endedAt"],
    message: "must not be before startedAt",
  });
export type PhoneCall = z.input<typeof PhoneCall>;

/** A callback request (soittopyyntö): the resident wants to be called back within a time window. */
export const CallbackRequest = z
  .object({
    /** The telephony system's id of the request (idempotency). */
    requestId: z.string().trim().min(1).max(200),
    phoneNumber: PhoneNumber,
    windowStart: IsoDateTime,
    windowEnd: IsoDateTime,
    topic: z.string().trim().max(10_000).default(""),
    queue: z.string().trim().max(200).optional(),
    categoryCode: z.string().trim().max(100).optional(),
    language: Language.default("fi"),
    callerName: z.string().trim().max(200).optional(),
  })
  .refine((c) => Date.parse(c.windowEnd) > Date.parse(c.windowStart), { path: ["windowEnd"], message: "must be after windowStart" });
export type CallbackRequest = z.input<typeof CallbackRequest>;

/** What the telephony endpoints answer: the ticket the call or request became part of. */
export const PhoneReceipt = z.object({
  reference: z.string(),
  ticketId: Uuid,
  /** `created` for a new ticket, `joined` when the call joined the caller's open ticket. */
  outcome: z.enum(["created", "joined"]),
  /** True when this call id was seen before and nothing was written. */
  replayed: z.boolean(),
});
export type PhoneReceipt = z.infer<typeof PhoneReceipt>;

export const callbackOutcomes = ["reached", "no_answer", "wrong_number", "resolved_by_phone"] as const;
export const CallbackOutcome = z.enum(callbackOutcomes);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

/** A callback in the console's callback queue. */
export const Callback = z.object({
  ticketId: Uuid,
  reference: z.string(),
  phoneNumber: z.string(),
  windowStart: IsoDateTime,
  windowEnd: IsoDateTime,
  topic: z.string(),
  queue: z.string().nullable(),
  groupId: Uuid.nullable(),
  calledBackAt: IsoDateTime.nullable(),
  outcome: CallbackOutcome.nullable(),
  createdAt: IsoDateTime,
});
export type Callback = z.infer<typeof Callback>;
export const CallbackList = z.object({ items: z.array(Callback) });
export type CallbackList = z.infer<typeof CallbackList>;
export const CallbackQuery = z.object({
  status: z.enum(["open", "done", "all"]).default("open"),
  sort: z.enum(["windowStart", "-windowStart", "windowEnd", "-windowEnd", "createdAt"]).default("windowStart"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CallbackDone = z.object({ outcome: CallbackOutcome, note: z.string().trim().max(5000).optional() });
export type CallbackDone = z.input<typeof CallbackDone>;

/** A JSON pointer (RFC 6901) into the incoming document, e.g. `/user/name`. */
export const JsonPointer = z.string().regex(/^(\/([^~/]|~[01])*)*$/, "a JSON pointer such as /message/text");

/** How a channel's incoming JSON becomes a message: a pointer per field. */
export const ChannelMapping = z.object({
  externalId: JsonPointer,
  text: JsonPointer,
  author: JsonPointer.optional(),
  /** Messages with the same thread id join one ticket. */
  threadId: JsonPointer.optional(),
  link: JsonPointer.optional(),
  /** A list of URLs, or of objects whose `url` is taken. */
  attachments: JsonPointer.optional(),
});
export type ChannelMapping = z.infer<typeof ChannelMapping>;

export const ChannelKey = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lower-case letters, digits and dashes");

export const InboundChannel = z.object({
  id: Uuid,
  key: ChannelKey,
  name: z.string(),
  mapping: ChannelMapping,
  categoryId: Uuid,
  language: Language,
  replyUrl: z.string().nullable(),
  active: z.boolean(),
  createdAt: IsoDateTime,
});
export type InboundChannel = z.infer<typeof InboundChannel>;
export const InboundChannelList = z.object({ items: z.array(InboundChannel) });
export type InboundChannelList = z.infer<typeof InboundChannelList>;
export const CreatedInboundChannel = InboundChannel.extend({ secret: z.string() });
export type CreatedInboundChannel = z.infer<typeof CreatedInboundChannel>;
export const NewInboundChannel = z.object({
  key: ChannelKey,
  name: z.string().trim().min(1).max(200),
  mapping: ChannelMapping,
  categoryId: Uuid,
  language: Language.default("fi"),
  replyUrl: WebhookUrl.nullable().default(null),
  active: z.boolean().default(true),
});
export type NewInboundChannel = z.input<typeof NewInboundChannel>;
export const InboundChannelUpdate = NewInboundChannel.omit({ key: true })
  .partial()
  .refine((u) => Object.keys(u).length > 0, "Change at least one field");
export type InboundChannelUpdate = z.input<typeof InboundChannelUpdate>;

export const ChannelReceipt = z.object({
  reference: z.string(),
  outcome: z.enum(["created", "joined"]),
  replayed: z.boolean(),
});
export type ChannelReceipt = z.infer<typeof ChannelReceipt>;

/** What a channel's reply webhook receives for a staff reply. */
export const ChannelReplyPayload = z.object({
  id: Uuid,
  type: z.literal("channel.reply"),
  channel: z.string(),
  threadId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  reference: z.string(),
  text: z.string(),
  sentAt: IsoDateTime,
});
export type ChannelReplyPayload = z.infer<typeof ChannelReplyPayload>;

/**
 * Routing a category's tickets to an external system: one that speaks Open311 GeoReport v2
 * (`api`), or one without an API that gets a formatted email (`email`) and answers by email.
 */
export const open311RouteDeliveries = ["api", "email"] as const;
export const Open311RouteDelivery = z.enum(open311RouteDeliveries);
export type Open311RouteDelivery = z.infer<typeof Open311RouteDelivery>;

export const Open311Route = z.object({
  id: Uuid,
  categoryId: Uuid,
  delivery: Open311RouteDelivery,
  /** The external endpoint's base, e.g. https://fixit.example/open311/v2 (`api` routes). */
  endpoint: z.string().nullable(),
  serviceCode: z.string().nullable(),
  /** Where the email goes (`email` routes). */
  email: z.string().nullable(),
  jurisdictionId: z.string().nullable(),
  /** A text in the external status_notes of a closed request (or in an emailed answer) that means "not ours". */
  notOursMarker: z.string(),
  active: z.boolean(),
  /** Whether an api key is stored (it is never shown). */
  hasApiKey: z.boolean(),
  createdAt: IsoDateTime,
});
export type Open311Route = z.infer<typeof Open311Route>;
export const Open311RouteList = z.object({ items: z.array(Open311Route) });
export type Open311RouteList = z.infer<typeof Open311RouteList>;

const RouteFields = z.object({
  delivery: Open311RouteDelivery,
  endpoint: WebhookUrl,
  apiKey: z.string().min(1).max(500),
  serviceCode: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  jurisdictionId: z.string().trim().max(200).nullable(),
  notOursMarker: z.string().trim().min(1).max(200),
  active: z.boolean(),
});

/** The fields a route of each delivery needs (for a new route, and for a changed one as it will be). */
export function missingRouteFields(route: {
  delivery?: Open311RouteDelivery;
  endpoint?: string | null;
  apiKey?: string | null;
  serviceCode?: string | null;
  email?: string | null;
}): ("endpoint" | "apiKey" | "serviceCode" | "email")[] {
  const needed = route.delivery === "email" ? (["email"] as const) : (["endpoint", "apiKey", "serviceCode"] as const);
  return needed.filter((field) => !route[field]);
}

export const NewOpen311Route = RouteFields.partial({ endpoint: true, apiKey: true, serviceCode: true, email: true })
  .extend({
    categoryId: Uuid,
    delivery: Open311RouteDelivery.default("api"),
    jurisdictionId: RouteFields.shape.jurisdictionId.default(null),
    notOursMarker: RouteFields.shape.notOursMarker.default("NOT_OURS"),
    active: z.boolean().default(true),
  })
  .superRefine((route, context) => {
    for (const field of missingRouteFields(route))
      context.addIssue({ code: "custom", path: [field], message: `required for ${route.delivery} routes` });
  });
export type NewOpen311Route = z.input<typeof NewOpen311Route>;
/** A change: the route must still have what its delivery needs (checked against the stored route). */
export const Open311RouteUpdate = RouteFields.partial().refine((u) => Object.keys(u).length > 0, "Change at least one field");
export type Open311RouteUpdate = z.input<typeof Open311RouteUpdate>;

/** A ticket's link to its request in an external system, shown on the ticket. */
export const ExternalRequest = z.object({
  routeId: Uuid,
  endpoint: z.string(),
  serviceRequestId: z.string().nullable(),
  status: z.string().nullable(),
  statusNotes: z.string().nullable(),
  lastPolledAt: IsoDateTime.nullable(),
  returnedAt: IsoDateTime.nullable(),
});
export type ExternalRequest = z.infer<typeof ExternalRequest>;
