/**
 * The ticket's attachments: thumbnails of photos and download links (each opening is an audited
 * read). A photo shows "processing" until the cleaning job is done; the ticket's live update
 * (`ticket.attachment_processed`) then brings its preview.
 */
import type { TicketDetail } from "@yhteys/contracts";
import "./attachments.css";
import { type MessageKey, useI18n } from "./i18n.ts";

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

export function AttachmentsPanel({ ticket }: { ticket: TicketDetail }) {
  const { t, formatDateTime } = useI18n();
  const base = `/api/staff/tickets/${encodeURIComponent(ticket.id)}/attachments`;
  return (
    <section aria-labelledby="attachments-heading" className="panel">
      <h2 id="attachments-heading">{t("attachments.title")}</h2>
      {ticket.attachments.length === 0 ? (
        <p className="muted">{t("attachments.none")}</p>
      ) : (
        <ul className="attachments">
          {ticket.attachments.map((a) => {
            const servable = a.status === "ready" && (a.scanStatus === "clean" || a.scanStatus === "skipped");
            return (
              <li key={a.id} className={`attachment scan-${a.scanStatus} attachment-${a.status}`}>
                {servable && a.hasThumbnail ? (
                  <img src={`${base}/${a.id}/thumbnail`} alt="" loading="lazy" />
                ) : (
                  <span className="attachment-icon" aria-hidden="true">
                    {a.contentType === "application/pdf" ? "PDF" : a.status === "processing" ? "…" : "?"}
                  </span>
                )}
                <div className="attachment-text">
                  {servable ? (
                    <a href={`${base}/${a.id}`} download={a.fileName}>
                      <span className="visually-hidden">{t("attachments.download")} </span>
                      {a.fileName}
                    </a>
                  ) : (
                    <span>{a.fileName}</span>
                  )}
                  <span className="muted small">
                    {sizeText(a.size)} · {t(`attachments.by.${a.uploadedBy}` as MessageKey)} ·{" "}
                    <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
                  </span>
                  {/* Polite: the photo's processing ends while staff read the ticket (a live update). */}
                  <span className={`small scan-status scan-status-${a.scanStatus}`} aria-live="polite">
                    {a.status === "processing"
                      ? t("attachments.processing")
                      : a.rejectedReason
                        ? t(`attachments.rejected.${a.rejectedReason}`)
                        : t(`attachments.scan.${a.scanStatus}` as MessageKey)}
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
