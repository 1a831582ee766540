/** Turns attachment rows into what residents and staff may see; storage keys never leave the server. */
import type { Attachment, PublicAttachment } from "@yhteys/contracts";
import type { attachments } from "../../db/schema.ts";
import { iso } from "../tickets/tickets.presenter.ts";

type AttachmentRow = typeof attachments.$inferSelect;

/**
 * Whether the bytes may be served: only once cleaned (a photo's original never is), never for
 * rejected or infected files, nor before a scan has finished.
 */
export const isServable = (row: Pick<AttachmentRow, "status" | "scanStatus">) =>
  row.status === "ready" && (row.scanStatus === "clean" || row.scanStatus === "skipped");

export function toPublicAttachment(row: AttachmentRow): PublicAttachment {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    hasThumbnail: row.hasThumbnail && isServable(row),
    status: row.status,
    rejectedReason: row.rejectedReason ?? null,
    scanStatus: row.scanStatus,
    createdAt: iso(row.createdAt),
  };
}

export function toAttachment(row: AttachmentRow): Attachment {
  return { ...toPublicAttachment(row), uploadedBy: row.uploadedBy, sha256: row.sha256, published: row.published };
}
