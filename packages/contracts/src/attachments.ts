/** Photos and PDFs that residents attach to their contacts (REQUIREMENTS P1, P4, M3). */
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.ts";
import { actorKinds } from "./constants.ts";

/** Virus scan outcome: `skipped` when no scanner is configured; only clean and skipped files are served. */
export const scanStatuses = ["pending", "clean", "infected", "skipped"] as const;
export const ScanStatus = z.enum(scanStatuses);
export type ScanStatus = z.infer<typeof ScanStatus>;

/**
 * Where a file is on its way to being shown: photos are `processing` until a background job has
 * cleaned (re-encoded without metadata) and scanned them; `rejected` files are never served.
 */
export const attachmentStatuses = ["processing", "ready", "rejected"] as const;
export const AttachmentStatus = z.enum(attachmentStatuses);
export type AttachmentStatus = z.infer<typeof AttachmentStatus>;

/** Why a file was rejected: a photo that could not be decoded, or malware found by the virus scan. */
export const attachmentRejections = ["unreadable", "infected"] as const;
export const AttachmentRejection = z.enum(attachmentRejections);
export type AttachmentRejection = z.infer<typeof AttachmentRejection>;

/** What a resident may upload, and how many and how large (from the server's configuration). */
export const AttachmentLimits = z.object({
  maxFiles: z.number().int(),
  maxBytes: z.number().int(),
  /** Media types accepted, decided from the file's content (never its name). */
  mediaTypes: z.array(z.string()),
});
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;

/** An attachment as the resident sees it on their tracking page. */
export const PublicAttachment = z.object({
  id: Uuid,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  hasThumbnail: z.boolean(),
  status: AttachmentStatus,
  /** Set when `status` is `rejected`. */
  rejectedReason: AttachmentRejection.nullable(),
  scanStatus: ScanStatus,
  createdAt: IsoDateTime,
});
export type PublicAttachment = z.infer<typeof PublicAttachment>;

/** An attachment as staff see it on the ticket. */
export const Attachment = PublicAttachment.extend({
  uploadedBy: z.enum(actorKinds),
  sha256: z.string(),
  published: z.boolean(),
});
export type Attachment = z.infer<typeof Attachment>;
