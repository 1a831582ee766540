/** After following an earlier contact instead of sending a new one: what happened, with focus on the heading. */
import type { FollowReceipt } from "@yhteys/contracts";
import { useEffect, useRef } from "react";
import { useI18n } from "./i18n.ts";
import { useDocumentTitle } from "./useDocumentTitle.ts";

type Props = { orgName: string; receipt: FollowReceipt; withEmail: boolean; onAnother: () => void };

export function FollowConfirmation({ orgName, receipt, withEmail, onAnother }: Props) {
  const { t } = useI18n();
  useDocumentTitle(t("followed.pageTitle"), orgName);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="narrow confirmation">
      <div className="success-panel">
        <h1 tabIndex={-1} ref={heading}>
          {t("followed.title")}
        </h1>
        <p>{t("followed.reference", { reference: receipt.reference })}</p>
      </div>
      <p>{receipt.followers > 1 ? t("followed.bodyMany", { count: receipt.followers }) : t("followed.bodyOne")}</p>
      {withEmail && <p>{t("followed.email")}</p>}
      <p>
        <button type="button" className="button button-link" onClick={onAnother}>
          {t("followed.another")}
        </button>
      </p>
    </div>
  );
}
