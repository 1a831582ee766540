/** After sending: the reference and the private tracking link, with focus on the heading. */
import type { ContactReceipt } from "@yhteys/contracts";
import { useEffect, useRef, useState } from "react";
import { AttachmentUploads } from "./AttachmentUploads.tsx";
import { useI18n } from "./i18n.ts";
import { followLink, trackPath } from "./router.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

type Props = { org: string; orgName: string; receipt: ContactReceipt; wantsReply: boolean; files: File[]; onAnother: () => void };

export function Confirmation({ org, orgName, receipt, wantsReply, files, onAnother }: Props) {
  const { t } = useI18n();
  useDocumentTitle(t("confirm.pageTitle"), orgName);
  const heading = useRef<HTMLHeadingElement>(null);
  const linkInput = useRef<HTMLInputElement>(null);
  const [copyStatus, setCopyStatus] = useState<"" | "copied" | "failed">("");
  const path = trackPath(org, receipt.trackingToken);
  const url = `${window.location.origin}${path}`;

  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopyStatus("copied");
    } catch {
      linkInput.current?.select();
      setCopyStatus("failed");
    }
  };

  return (
    <div className="narrow confirmation">
      <div className="success-panel">
        <h1 tabIndex={-1} ref={heading}>
          {t("confirm.title")}
        </h1>
        <p>
          {t("confirm.reference")}
          <br />
          <strong className="reference" data-testid="reference">
            {receipt.reference}
          </strong>
        </p>
      </div>
      <AttachmentUploads org={org} token={receipt.trackingToken} files={files} />
      {wantsReply && <p>{t("confirm.reply")}</p>}
      <h2>{t("confirm.linkLabel")}</h2>
      <p>{t("confirm.trackIntro")}</p>
      <div className="field">
        <label htmlFor="tracking-link">{t("confirm.linkLabel")}</label>
        <div className="copy-row">
          <input
            id="tracking-link"
            ref={linkInput}
            className="input"
            readOnly
            value={url}
            onFocus={(event) => event.target.select()}
            aria-describedby="keep-safe"
          />
          <button type="button" className="button button-secondary" onClick={copy}>
            {t("confirm.copy")}
          </button>
        </div>
        <p className="copy-status" role="status">
          {copyStatus === "copied" ? t("confirm.copied") : copyStatus === "failed" ? t("confirm.copyFailed") : ""}
        </p>
      </div>
      <div className="warning-box" id="keep-safe">
        <span className="warning-icon" aria-hidden="true">
          !
        </span>
        <p>{t("confirm.keepSafe")}</p>
      </div>
      <p>
        <a className="button button-primary" href={path} onClick={followLink}>
          {t("confirm.open")}
        </a>
      </p>
      <p>
        <button type="button" className="button button-link" onClick={onAnother}>
          {t("confirm.another")}
        </button>
      </p>
    </div>
  );
}
