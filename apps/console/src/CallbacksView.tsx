/**
 * The callback queue (soittopyynnöt): callback requests from the telephony system with their
 * requested time window, sortable by the window; "called back" with an outcome is one action.
 * Filters live in the address, so a view can be bookmarked like a queue's.
 */
import { type Callback, callbackOutcomes } from "@yhteys/contracts";
import { useCallback, useId, useState } from "react";
import * as api from "./admin/integrationsApi.ts";
import { useAdminList, useAdminPage } from "./admin/useAdminList.tsx";
import { useConsole } from "./Console.tsx";
import { errorText } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { callbacksPath, navigate, onLinkClick, ticketPath } from "./router.ts";

const statuses = ["open", "done", "all"] as const;
const sorts = ["windowStart", "-windowStart", "windowEnd", "-windowEnd", "createdAt"] as const;
type Outcome = (typeof callbackOutcomes)[number];

export function CallbacksView({ search }: { search: URLSearchParams }) {
  const { t } = useI18n();
  const prefix = useId();
  const status = (statuses as readonly string[]).includes(search.get("status") ?? "")
    ? (search.get("status") as (typeof statuses)[number])
    : "open";
  const sort = (sorts as readonly string[]).includes(search.get("sort") ?? "")
    ? (search.get("sort") as (typeof sorts)[number])
    : "windowStart";
  const load = useCallback(() => api.callbacks(new URLSearchParams({ status, sort })), [status, sort]);
  const list = useAdminList(load);
  const heading = useAdminPage(t("callbacks.title"), list.data !== null);
  const items = list.data?.items;
  const choose = (key: "status" | "sort", value: string) => navigate(callbacksPath(new URLSearchParams({ status, sort, [key]: value })));

  return (
    <section className="admin-view" aria-labelledby={`${prefix}heading`}>
      <h1 id={`${prefix}heading`} ref={heading} tabIndex={-1}>
        {t("callbacks.title")}
      </h1>
      <p className="muted">{t("callbacks.intro")}</p>
      <div className="button-row">
        <div className="field">
          <label htmlFor={`${prefix}status`}>{t("callbacks.show")}</label>
          <select id={`${prefix}status`} value={status} onChange={(e) => choose("status", e.target.value)}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`callbacks.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}sort`}>{t("callbacks.sort")}</label>
          <select id={`${prefix}sort`} value={sort} onChange={(e) => choose("sort", e.target.value)}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(`callbacks.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.status}
      {!items ? null : items.length === 0 ? (
        <p className="muted">{t("callbacks.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="tickets">
            <caption className="visually-hidden">{t("callbacks.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("callbacks.window")}</th>
                <th scope="col">{t("callbacks.reference")}</th>
                <th scope="col">{t("callbacks.phone")}</th>
                <th scope="col">{t("callbacks.topic")}</th>
                <th scope="col">{t("callbacks.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <CallbackRow key={c.ticketId} item={c} onDone={list.reload} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CallbackRow({ item, onDone }: { item: Callback; onDone: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [outcome, setOutcome] = useState<Outcome>("reached");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const markDone = () => {
    setBusy(true);
    setError(null);
    api
      .markCalledBack(item.ticketId, { outcome })
      .then(() => {
        announce(t("callbacks.done", { reference: item.reference }));
        onDone();
      })
      .catch((e) => setError(errorText(t, e)))
      .finally(() => setBusy(false));
  };
  return (
    <tr>
      <td>
        <time dateTime={item.windowStart}>{formatDateTime(item.windowStart)}</time> –{" "}
        <time dateTime={item.windowEnd}>{formatDateTime(item.windowEnd)}</time>
      </td>
      <th scope="row">
        <a href={ticketPath(item.ticketId)} onClick={onLinkClick}>
          {item.reference}
        </a>
      </th>
      <td>
        <a href={`tel:${item.phoneNumber.replace(/[^\d+]/g, "")}`}>{item.phoneNumber}</a>
      </td>
      <td>{item.topic || "–"}</td>
      <td>
        {item.calledBackAt ? (
          <>
            {item.outcome && t(`callbacks.outcome.${item.outcome}`)}{" "}
            <span className="muted small">{t("callbacks.calledBack", { at: formatDateTime(item.calledBackAt) })}</span>
          </>
        ) : (
          <div className="button-row">
            <label className="visually-hidden" htmlFor={`${prefix}outcome`}>
              {t("callbacks.outcome")}
            </label>
            <select id={`${prefix}outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
              {callbackOutcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`callbacks.outcome.${o}`)}
                </option>
              ))}
            </select>
            <button type="button" className="button secondary" disabled={busy} onClick={markDone}>
              {t("callbacks.markDone")}
            </button>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
