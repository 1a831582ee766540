/**
 * The tracking page's attachments: what the resident has attached, and a way to add more. Photos
 * show "processing" until cleaned; meanwhile the list is read again briefly (see POLL_MS).
 */
import type { AttachmentLimits, PublicAttachment } from "@yhteys/contracts";
import { useEffect, useRef, useState } from "react";
import { AttachmentUploads } from "./AttachmentUploads.tsx";
import { FilePicker } from "./FilePicker.tsx";
import { useI18n } from "./i18n.ts";
import { attachmentsPath, formatSize } from "./upload.ts";

/** While a photo is being cleaned, the list is read again this often, at most this many times (then on the next visit). */
const POLL_MS = 2_000;
const MAX_POLLS = 60;

type Props = { org: string; token: string; limits: AttachmentLimits; attachments: PublicAttachment[]; onUploaded: () => void };

export function TrackedAttachments({ org, token, limits, attachments, onUploaded }: Props) {
  const { t, language } = useI18n();
  const [chosen, setChosen] = useState<File[]>([]);
  const [sending, setSending] = useState<File[]>([]);
  const base = attachmentsPath(org, token);
  const room = Math.max(0, limits.maxFiles - attachments.length);
  const processing = attachments.some((a) => a.status === "processing");
  const polls = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: every fresh list (attachments) schedules the next look
  useEffect(() => {
    if (!processing || polls.current >= MAX_POLLS) return;
    const timer = setTimeout(() => {
      polls.current++;
      onUploaded();
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [processing, attachments]);

  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("files.yours")}</h2>
      {attachments.length === 0 ? (
        <p className="hint">{t("files.noneYet")}</p>
      ) : (
        <ul className="attachment-grid">
          {attachments.map((a) => {
            const servable = a.status === "ready" && (a.scanStatus === "clean" || a.scanStatus === "skipped");
            return (
              // Polite: a photo becomes ready (or is rejected) while the resident is on the page.
              <li key={a.id} aria-live="polite">
                {servable ? (
                  <a href={`${base}/${a.id}`} target="_blank" rel="noopener">
                    {a.hasThumbnail && <img src={`${base}/${a.id}/thumbnail`} alt="" />}
                    <span className="visually-hidden">{t("files.open")} </span>
                    {a.fileName}
                  </a>
                ) : (
                  <span>
                    {a.fileName} (
                    {t(
                      a.status === "processing"
                        ? "files.processing"
                        : a.scanStatus === "infected"
                          ? "files.quarantined"
                          : a.rejectedReason === "unreadable"
                            ? "files.unreadable"
                            : "files.scanning",
                    )}
                    )
                  </span>
                )}
                <span className="file-size">{formatSize(a.size, language)}</span>
              </li>
            );
          })}
        </ul>
      )}
      {limits.maxFiles > 0 &&
        (room > 0 ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setSending((current) => [...current, ...chosen]);
              setChosen([]);
            }}
          >
            <FilePicker id="more-files" label={t("files.addMore")} limits={limits} room={room} files={chosen} onChange={setChosen} />
            {chosen.length > 0 && (
              <button type="submit" className="button button-primary">
                {t("files.send")}
              </button>
            )}
          </form>
        ) : (
          <p className="hint">{t("files.full")}</p>
        ))}
      <AttachmentUploads org={org} token={token} files={sending} onUploaded={onUploaded} />
    </section>
  );
}
