/**
 * Sends chosen files to a contact one after another, with progress. A failed file keeps a retry
 * button; the contact itself was already received, so nothing the resident wrote is lost.
 */
import { ApiError } from "@yhteys/web";
import { useCallback, useEffect, useRef, useState } from "react";
import "./attachments.css";
import type { MessageKey } from "./i18n.ts";
import { useI18n } from "./i18n.ts";
import { attachmentsPath, uploadFile } from "./upload.ts";

type Reason = "network" | "tooLarge" | "wrongType" | "tooMany" | "server";
type Item = { id: number; file: File; status: "queued" | "uploading" | "done" | "failed"; percent: number; reason?: Reason };

const reasonOf = (e: unknown): Reason => {
  const status = e instanceof ApiError ? e.status : 0;
  return status === 0 ? "network" : status === 413 ? "tooLarge" : status === 415 ? "wrongType" : status === 409 ? "tooMany" : "server";
};

type Props = {
  org: string;
  token: string;
  /** Files to send; the list only grows (more files are appended). */
  files: File[];
  /** Called after each file has been stored. */
  onUploaded?: () => void;
};

export function AttachmentUploads({ org, token, files, onUploaded }: Props) {
  const { t } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const busy = useRef(false);
  const nextId = useRef(0);
  const done = useRef(onUploaded);
  done.current = onUploaded;

  useEffect(() => {
    setItems((current) =>
      files.length > current.length
        ? [
            ...current,
            ...files.slice(current.length).map((file) => ({ id: nextId.current++, file, status: "queued" as const, percent: 0 })),
          ]
        : current,
    );
  }, [files]);

  const update = useCallback(
    (id: number, patch: Partial<Item>) => setItems((current) => current.map((item) => (item.id === id ? { ...item, ...patch } : item))),
    [],
  );

  // One upload at a time: the first queued file starts when nothing is in flight.
  useEffect(() => {
    if (busy.current) return;
    const item = items.find((candidate) => candidate.status === "queued");
    if (!item) return;
    busy.current = true;
    update(item.id, { status: "uploading", percent: 0 });
    uploadFile(attachmentsPath(org, token), item.file, (fraction) => update(item.id, { percent: Math.round(fraction * 100) }))
      .then(() => {
        update(item.id, { status: "done", percent: 100 });
        setAnnouncement(t("files.done", { name: item.file.name }));
        done.current?.();
      })
      .catch((e: unknown) => {
        const reason = reasonOf(e);
        update(item.id, { status: "failed", reason });
        setAnnouncement(`${t("files.failed", { name: item.file.name })} ${t(`files.failedWhy.${reason}` as MessageKey)}`);
      })
      .finally(() => {
        busy.current = false;
        // Let the next queued file start.
        setItems((current) => [...current]);
      });
  }, [items, org, token, t, update]);

  if (items.length === 0) return null;
  const anyFailed = items.some((item) => item.status === "failed");
  const allDone = items.every((item) => item.status === "done");

  return (
    <section className="uploads" aria-labelledby="uploads-title">
      <h2 id="uploads-title">{t("files.uploadsTitle")}</h2>
      <ul className="file-list">
        {items.map((item) => (
          <li key={item.id} data-status={item.status}>
            <span className="file-name">{item.file.name}</span>
            {item.status === "uploading" || item.status === "queued" ? (
              <>
                <progress max={100} value={item.percent} aria-label={t("files.progress", { name: item.file.name })} />
                <span className="file-size">
                  {item.status === "queued" ? t("files.statusQueued") : t("files.statusUploading", { percent: item.percent })}
                </span>
              </>
            ) : item.status === "done" ? (
              <span className="upload-done">{t("files.statusDone")}</span>
            ) : (
              <>
                <span className="field-error">
                  {t("files.statusFailed")} {t(`files.failedWhy.${item.reason ?? "server"}` as MessageKey)}
                </span>
                {(item.reason === "network" || item.reason === "server") && (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => update(item.id, { status: "queued", percent: 0 })}
                  >
                    {t("files.retry")}
                    <span className="visually-hidden"> {item.file.name}</span>
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {anyFailed && <p className="info-box">{t("files.failedNote")}</p>}
      {allDone && <p className="hint">{t("files.allDone")}</p>}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
