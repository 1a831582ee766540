/** Publishing contacts to the public feedback map and list (REQUIREMENTS P5, M5). */
import { z } from "zod";
import { GeoPoint, IsoDateTime, LocalizedText, Uuid } from "./common.ts";
import { publicStatuses } from "./constants.ts";

export const removalKinds = ["name", "email", "phone", "personal_id", "vehicle", "street_number"] as const;
export type RemovalKind = (typeof removalKinds)[number];

/** One piece of personal data found in a text: `original` at [start, end) becomes `replacement`. */
export const Removal = z.object({
  kind: z.enum(removalKinds),
  start: z.number().int(),
  end: z.number().int(),
  original: z.string(),
  replacement: z.string(),
});
export type Removal = z.infer<typeof Removal>;

/** A text proposed for publishing: the original and what the automatic redaction would remove. */
export const RedactionProposal = z.object({ original: z.string(), removals: z.array(Removal) });
export type RedactionProposal = z.infer<typeof RedactionProposal>;

/** A ticket's publication as the handler sees it. */
export const Publication = z.object({
  publicText: z.string(),
  publicAnswer: z.string().nullable(),
  publishedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  publishedBy: z.string().nullable(),
  photoIds: z.array(Uuid),
});
export type Publication = z.infer<typeof Publication>;

/** What the publish panel shows: the current publication, and proposals made from the ticket. */
export const PublicationDraft = z.object({
  publication: Publication.nullable(),
  text: RedactionProposal,
  /** From the latest reply to the resident, if any. */
  answer: RedactionProposal.nullable(),
  /** Photos that could be published (clean images only). */
  photos: z.array(z.object({ id: Uuid, fileName: z.string(), hasThumbnail: z.boolean() })),
});
export type PublicationDraft = z.infer<typeof PublicationDraft>;

export const PublishRequest = z.object({
  publicText: z.string().trim().min(1).max(5000),
  publicAnswer: z.string().trim().max(5000).nullable().optional(),
  /** The attachments the handler approved for publishing; any other photo stays private. */
  photoIds: z.array(Uuid).max(20).default([]),
  /** How many automatic removals the handler kept and undid, for the history. */
  removalsKept: z.number().int().min(0).max(10_000).default(0),
  removalsUndone: z.number().int().min(0).max(10_000).default(0),
});
export type PublishRequest = z.input<typeof PublishRequest>;

export const PublishingSettings = z.object({
  /** Remove house numbers after street names (a home address identifies a person). */
  removeStreetNumbers: z.boolean(),
});
export type PublishingSettings = z.infer<typeof PublishingSettings>;

export const PublicStatus = z.enum(publicStatuses);
export type PublicStatus = z.infer<typeof PublicStatus>;

/** A comma-separated list in a query string (`?status=received,in_progress`). */
const csv = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(50));

export const FeedbackQuery = z.object({
  category: csv(Uuid).optional(),
  area: csv(z.string().max(50)).optional(),
  status: csv(PublicStatus).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** minLon,minLat,maxLon,maxLat */
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, "bbox is minLon,minLat,maxLon,maxLat")
    .transform((s) => s.split(",").map(Number) as [number, number, number, number])
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type FeedbackQuery = z.input<typeof FeedbackQuery>;

export const PublicPhoto = z.object({ id: Uuid, url: z.string(), thumbnailUrl: z.string().nullable() });

/** A published contact: nothing about the sender, only what the handler approved. */
export const PublishedFeedback = z.object({
  reference: z.string(),
  category: z.object({ id: Uuid, name: LocalizedText }),
  area: z.object({ code: z.string(), name: LocalizedText }).nullable(),
  status: PublicStatus,
  text: z.string(),
  answer: z.string().nullable(),
  /** Rounded to about 10 m. */
  location: GeoPoint.nullable(),
  createdAt: IsoDateTime,
  publishedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  resolvedAt: IsoDateTime.nullable(),
  photos: z.array(PublicPhoto),
  followers: z.number().int(),
});
export type PublishedFeedback = z.infer<typeof PublishedFeedback>;

export const FeedbackList = z.object({
  items: z.array(PublishedFeedback),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type FeedbackList = z.infer<typeof FeedbackList>;

export const PublicArea = z.object({ code: z.string(), name: LocalizedText });
export const PublicAreaList = z.object({ items: z.array(PublicArea) });
export type PublicAreaList = z.infer<typeof PublicAreaList>;
