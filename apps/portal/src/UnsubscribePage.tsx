/**
 * The page an email's unsubscribe link opens: it asks first (mail scanners open links, and a GET
 * changes nothing), in the language of the email, then confirms. Mail programs unsubscribe with one
 * click by POSTing to the API themselves (RFC 8058).
 */
import type { UnsubscribeReceipt } from "@yhteys/contracts";
import { ApiError, api } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "./i18n.ts";
import { StatusMessage } from "./StatusMessage.tsx";
import { useDocumentTitle } from "./useDocumentTitle.ts";

type State =
  | { status: "loading" }
  | { status: "invalid" }
  | { status: "failed" }
  | { status: "ready"; receipt: UnsubscribeReceipt }
  | { status: "done"; receipt: UnsubscribeReceipt };

export function UnsubscribePage({ org, orgName, token }: { org: string; orgName: string; token: string }) {
  const { t, setLanguage } = useI18n();
  useDocumentTitle(t("unsubscribe.pageTitle"), orgName);
  const [state, setState] = useState<State>({ status: "loading" });
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const url = `/api/public/${encodeURIComponent(org)}/email/unsubscribe/${encodeURIComponent(token)}`;

  useEffect(() => {
    let cancelled = false;
    api<UnsubscribeReceipt>(url)
      .then((receipt) => {
        if (cancelled) return;
        setLanguage(receipt.language);
        setState({ status: receipt.unsubscribed ? "done" : "ready", receipt });
      })
      .catch((e) => !cancelled && setState({ status: e instanceof ApiError && e.status < 500 ? "invalid" : "failed" }));
    return () => {
      cancelled = true;
    };
  }, [url, setLanguage]);

  useEffect(() => {
    if (state.status !== "loading") heading.current?.focus();
  }, [state.status]);

  const confirm = async () => {
    setBusy(true);
    setFailed(false);
    try {
      setState({ status: "done", receipt: await api<UnsubscribeReceipt>(url, { method: "POST" }) });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  if (state.status === "loading") return <StatusMessage kind="loading" />;
  if (state.status === "failed") return <StatusMessage kind="failed" />;
  if (state.status === "invalid")
    return (
      <div className="narrow">
        <h1 tabIndex={-1} ref={heading}>
          {t("unsubscribe.pageTitle")}
        </h1>
        <p>{t("unsubscribe.invalid")}</p>
      </div>
    );
  const reference = state.receipt.reference;
  if (state.status === "done")
    return (
      <div className="narrow confirmation">
        <div className="success-panel">
          <h1 tabIndex={-1} ref={heading}>
            {t("unsubscribe.doneTitle")}
          </h1>
          <p>{t("unsubscribe.done", { reference })}</p>
        </div>
      </div>
    );
  return (
    <div className="narrow">
      <h1 tabIndex={-1} ref={heading}>
        {t("unsubscribe.title")}
      </h1>
      <p>{t("unsubscribe.body", { reference })}</p>
      {failed && (
        <p className="form-error" role="alert">
          {t("unsubscribe.failed")}
        </p>
      )}
      <p>
        <button type="button" className="button button-primary" onClick={confirm} disabled={busy}>
          {t("unsubscribe.confirm")}
        </button>
      </p>
    </div>
  );
}
