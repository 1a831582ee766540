/** Photos and PDFs that residents attach to their contacts (REQUIREMENTS P1, P4, M3). */
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.ts";
import { actorKinds } from "./constants.ts";

/** Virus scan outcome: `skipped` when no scanner is configured; only clean and skipped files are served. */
export const scanStatuses = ["pending", "clean", "infected", "skipped"] as const;
export const ScanStatus = z.enum(scanStatuses);
export type ScanStatus = z.infer<typeof ScanStatus>;

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
