/**
 * Communication (REQUIREMENTS P6): news and disruption notices with validity periods and optional
 * targeting by category (with its subtree) and area, FAQ entries, and the allowed origins of the
 * embeddable form (P3). Texts are per language, Finnish always present; bodies are plain text
 * with a few markdown-like marks (paragraphs, "- " lists, links), rendered as text, never as HTML.
 */
import { z } from "zod";
import { GeoPoint, IsoDateTime, LocalizedText, Uuid } from "./common.ts";

/** Longer text per language (a notice's body, an FAQ answer). */
export const LocalizedLongText = z.object({
  fi: z.string().trim().min(1).max(5000),
  sv: z.string().trim().max(5000).optional(),
  en: z.string().trim().max(5000).optional(),
});
export type LocalizedLongText = z.infer<typeof LocalizedLongText>;

export const noticeKinds = ["disruption", "news"] as const;
export const NoticeKind = z.enum(noticeKinds);
export type NoticeKind = z.infer<typeof NoticeKind>;

/**
 * Which current notices to list. Without any of these: all of them (the notices page). With a
 * category, an area or a point: the targeted notices that match it (the contact form), where a
 * notice's category matches the category or any of its ancestors.
 */
export const PublicNoticeQuery = z
  .object({
    categoryId: Uuid.optional(),
    areaId: Uuid.optional(),
    lat: z.coerce.number().pipe(GeoPoint.shape.lat).optional(),
    lon: z.coerce.number().pipe(GeoPoint.shape.lon).optional(),
    kind: NoticeKind.optional(),
  })
  .refine((q) => (q.lat === undefined) === (q.lon === undefined), { message: "give both lat and lon", path: ["lat"] });
export type PublicNoticeQuery = z.input<typeof PublicNoticeQuery>;

const NoticeFields = z.object({
  kind: NoticeKind,
  title: LocalizedText,
  body: LocalizedLongText,
  validFrom: IsoDateTime,
  /** Open-ended when null. */
  validUntil: IsoDateTime.nullable(),
  /** Only for residents who pick one of these categories (or a category below one). */
  categoryIds: z.array(Uuid).max(50),
  /** Only for residents whose location is inside one of these areas. */
  areaIds: z.array(Uuid).max(50),
  /** The handler group whose content admins may change it; none: technical admins only. */
  groupId: Uuid.nullable(),
});
/** What a resident sees of a current notice. */
export const PublicNotice = NoticeFields.pick({
  kind: true,
  title: true,
  body: true,
  validFrom: true,
  validUntil: true,
  categoryIds: true,
}).extend({
  id: Uuid,
  areas: z.array(z.object({ id: Uuid, name: LocalizedText })),
});
export type PublicNotice = z.infer<typeof PublicNotice>;
export const PublicNoticeList = z.object({ items: z.array(PublicNotice) });
export type PublicNoticeList = z.infer<typeof PublicNoticeList>;

const validWindow = (n: { validFrom?: string; validUntil?: string | null }) =>
  !n.validFrom || !n.validUntil || Date.parse(n.validUntil) > Date.parse(n.validFrom);
const windowError = { message: "the end must be after the start", path: ["validUntil"] };

export const NewNotice = NoticeFields.extend({
  validUntil: NoticeFields.shape.validUntil.default(null),
  categoryIds: NoticeFields.shape.categoryIds.default([]),
  areaIds: NoticeFields.shape.areaIds.default([]),
  groupId: NoticeFields.shape.groupId.default(null),
}).refine(validWindow, windowError);
export type NewNotice = z.input<typeof NewNotice>;
export const NoticeUpdate = NoticeFields.partial()
  .refine((v) => Object.keys(v).length > 0, "Change at least one field")
  .refine(validWindow, windowError);
export type NoticeUpdate = z.input<typeof NoticeUpdate>;

/** A notice in the console. */
export const AdminNotice = NoticeFields.extend({
  id: Uuid,
  /** Shown to residents now. */
  current: z.boolean(),
  mayEdit: z.boolean(),
  updatedAt: IsoDateTime,
});
export type AdminNotice = z.infer<typeof AdminNotice>;
export const AdminNoticeList = z.object({ items: z.array(AdminNotice) });
export type AdminNoticeList = z.infer<typeof AdminNoticeList>;

export const PublicFaqEntry = z.object({
  id: Uuid,
  question: LocalizedText,
  answer: LocalizedLongText,
  categoryId: Uuid.nullable(),
});
export type PublicFaqEntry = z.infer<typeof PublicFaqEntry>;
export const PublicFaqList = z.object({ items: z.array(PublicFaqEntry) });
export type PublicFaqList = z.infer<typeof PublicFaqList>;

const FaqFields = z.object({
  question: LocalizedText,
  answer: LocalizedLongText,
  /** The category it is about, if any. */
  categoryId: Uuid.nullable(),
  /** Smaller first. */
  position: z.number().int().min(0).max(10_000),
  published: z.boolean(),
  /** The handler group whose content admins may change it; none: technical admins only. */
  groupId: Uuid.nullable(),
});
export const NewFaqEntry = FaqFields.extend({
  categoryId: FaqFields.shape.categoryId.default(null),
  position: FaqFields.shape.position.default(100),
  published: FaqFields.shape.published.default(true),
  groupId: FaqFields.shape.groupId.default(null),
});
export type NewFaqEntry = z.input<typeof NewFaqEntry>;
export const FaqEntryUpdate = FaqFields.partial().refine((v) => Object.keys(v).length > 0, "Change at least one field");
export type FaqEntryUpdate = z.input<typeof FaqEntryUpdate>;
export const AdminFaqEntry = PublicFaqEntry.extend({
  position: z.number().int(),
  published: z.boolean(),
  groupId: Uuid.nullable(),
  mayEdit: z.boolean(),
  updatedAt: IsoDateTime,
});
export type AdminFaqEntry = z.infer<typeof AdminFaqEntry>;
export const AdminFaqList = z.object({ items: z.array(AdminFaqEntry) });
export type AdminFaqList = z.infer<typeof AdminFaqList>;

/** A web origin as browsers send it: scheme, host and port only ("https://www.tampere.fi"). */
export const WebOrigin = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/i, "an origin such as https://www.example.fi, without a path")
  .transform((o) => o.toLowerCase());

/** The web pages that may embed the organisation's form (CSP frame-ancestors of the embed route). */
export const EmbedSettingsInput = z.object({ allowedOrigins: z.array(WebOrigin).max(50) });
export type EmbedSettingsInput = z.input<typeof EmbedSettingsInput>;
export const EmbedSettings = z.object({ allowedOrigins: z.array(z.string()) });
export type EmbedSettings = z.infer<typeof EmbedSettings>;
