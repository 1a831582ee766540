/**
 * Choosing photos and files: a labelled file input with the limits in its hint, the chosen files
 * with previews and remove buttons, and refusals (too large, wrong type, too many) announced at
 * once. The files are sent only after the contact itself has been received.
 */
import type { AttachmentLimits } from "@yhteys/contracts";
import { useEffect, useRef, useState } from "react";
import "./attachments.css";
import { describedBy, errorId, Hint, hintId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";
import { formatSize, heicNote, mayAccept } from "./upload.ts";

type Props = {
  id?: string;
  label?: string;
  limits: AttachmentLimits;
  /** How many more files the contact can take. */
  room: number;
  files: File[];
  onChange: (files: File[]) => void;
};

export function FilePicker({ id = "files", label, limits, room, files, onChange }: Props) {
  const { t, language } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const size = formatSize(limits.maxBytes, language);
  const heic = heicNote(limits);

  const choose = (chosen: FileList | null) => {
    const next = [...files];
    const refused: string[] = [];
    for (const file of Array.from(chosen ?? [])) {
      if (file.size > limits.maxBytes) refused.push(t("files.tooLarge", { name: file.name, size }));
      else if (!mayAccept(file, limits)) refused.push(t("files.wrongType", { name: file.name, heic }));
      else if (next.length >= room) refused.push(t("files.tooMany", { count: room, name: file.name }));
      else next.push(file);
    }
    setProblems(refused);
    setAnnouncement(next.length > files.length ? t("files.added", { count: next.length - files.length }) : "");
    onChange(next);
    // Clear the input so that choosing the same file again after removing it works.
    if (input.current) input.current.value = "";
  };

  const remove = (index: number) => {
    const file = files[index];
    onChange(files.filter((_, i) => i !== index));
    setProblems([]);
    setAnnouncement(file ? t("files.removed", { name: file.name }) : "");
    input.current?.focus();
  };

  return (
    <div className={`field file-picker${problems.length ? " field-invalid" : ""}`}>
      <label htmlFor={id} className="label-large">
        {label ?? t("files.label")} <span className="optional">{t("files.optional")}</span>
      </label>
      <Hint id={hintId(id)}>{`${t("files.hint", { count: limits.maxFiles, size, heic })} ${t("files.privacy")}`}</Hint>
      <div id={errorId(id)} role="alert">
        {problems.map((problem) => (
          <p key={problem} className="field-error">
            <span className="visually-hidden">{t("errors.prefix")} </span>
            {problem}
          </p>
        ))}
      </div>
      <input
        ref={input}
        id={id}
        name={id}
        type="file"
        multiple
        className="file-input"
        accept={limits.mediaTypes.join(",")}
        disabled={files.length >= room}
        aria-describedby={describedBy(hintId(id), problems.length > 0 && errorId(id))}
        onChange={(event) => choose(event.target.files)}
      />
      {files.length >= room && room > 0 && <p className="hint">{t("files.full")}</p>}
      {files.length > 0 && (
        <ul className="file-list" aria-label={t("files.chosen")}>
          {files.map((file, index) => (
            <li key={`${file.name}-${file.size}-${file.lastModified}`}>
              <Preview file={file} />
              <span className="file-name">{file.name}</span>
              <span className="file-size">{formatSize(file.size, language)}</span>
              <button type="button" className="button button-secondary" onClick={() => remove(index)}>
                {t("files.remove")}
                <span className="visually-hidden"> {file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

/** A small preview of a chosen photo (decorative: the name beside it says what it is). */
function Preview({ file }: { file: File }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.type.startsWith("image/")) return;
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  return url ? (
    <img className="file-preview" src={url} alt="" onError={() => setUrl(null)} />
  ) : (
    <span className="file-preview file-preview-none" aria-hidden="true">
      {file.type === "application/pdf" ? "PDF" : "📄"}
    </span>
  );
}
