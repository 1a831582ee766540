/**
 * The audit log for technical admins: a log request (one person's entries, by email or name,
 * shown here and downloadable as CSV) and a check of the log's hash chain.
 */
import type { ChainStatus, LogExport } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, TextField, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { useAdminPage } from "./useAdminList.tsx";

/** The audit log page: log request and chain check. */
export function AuditView() {
  const { t } = useI18n();
  const heading = useAdminPage(t("admin.auditTitle"), true);
  return (
    <section className="admin-view" aria-labelledby="admin-audit-heading">
      <h1 id="admin-audit-heading" ref={heading} tabIndex={-1}>
        {t("admin.auditTitle")}
      </h1>
      <LogRequest />
      <ChainCheck />
    </section>
  );
}

function LogRequest() {
  const { t, formatDateTime } = useI18n();
  const prefix = useId();
  const [by, setBy] = useState<"email" | "name">("email");
  const [value, setValue] = useState("");
  const [result, setResult] = useState<{ log: LogExport; by: "email" | "name"; value: string } | null>(null);
  const { busy, error, run } = useSubmit();
  const valueId = `${prefix}value`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = value.trim();
    void run(
      async () => {
        setResult({ log: await adminApi.logRequest(by, query), by, value: query });
      },
      query.length < 2 ? { [by]: t("admin.required") } : {},
    );
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("admin.logRequest")}</h2>
      <p className="muted">{t("admin.logRequestIntro")}</p>
      <ErrorSummary
        error={error}
        fields={{
          email: { id: valueId, label: t("admin.personEmail") },
          name: { id: valueId, label: t("admin.personName") },
        }}
      />
      <form onSubmit={submit} noValidate>
        <fieldset className="choices">
          <legend>{t("admin.findBy")}</legend>
          {(["email", "name"] as const).map((option) => (
            <div className="radio" key={option}>
              <input
                type="radio"
                id={`${prefix}by-${option}`}
                name={`${prefix}by`}
                checked={by === option}
                onChange={() => setBy(option)}
              />
              <label htmlFor={`${prefix}by-${option}`}>{option === "email" ? t("admin.email") : t("admin.name")}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          id={valueId}
          label={by === "email" ? t("admin.personEmail") : t("admin.personName")}
          type={by === "email" ? "email" : "text"}
          value={value}
          onChange={setValue}
          error={error?.fields[by]}
          required
        />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("app.loading") : t("admin.showEntries")}
        </button>
      </form>
      {result && (
        <div className="log-result" role="status">
          <p>
            {t("admin.logMatched", {
              customers: result.log.matched.customers,
              users: result.log.matched.users,
              entries: result.log.entries.length,
            })}
            {result.log.truncated && ` ${t("admin.logTruncated")}`}
          </p>
          <p>
            <a className="button secondary" href={adminApi.logRequestCsvUrl(result.by, result.value)} download>
              {t("admin.downloadCsv")}
            </a>
          </p>
        </div>
      )}
      {result && result.log.entries.length > 0 && (
        <div className="table-wrap">
          <table className="tickets">
            <caption>{t("admin.logCaption", { query: result.value })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.logTime")}</th>
                <th scope="col">{t("admin.logAction")}</th>
                <th scope="col">{t("admin.logActor")}</th>
                <th scope="col">{t("admin.logTarget")}</th>
                <th scope="col">{t("admin.logOrigin")}</th>
              </tr>
            </thead>
            <tbody>
              {result.log.entries.map((e) => (
                <tr key={`${e.lane}-${e.seq}-${e.relation}`}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>{e.action}</td>
                  <td>{e.actorName ?? t(`admin.actorKind.${e.actorKind}`)}</td>
                  <td>{e.ticketReference ?? e.subjectType}</td>
                  <td>{e.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ChainCheck() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const prefix = useId();
  const [status, setStatus] = useState<ChainStatus | null>(null);
  const { busy, error, run } = useSubmit();
  const check = () =>
    void run(async () => {
      setStatus(await adminApi.verifyChain());
    });
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("admin.chainTitle")}</h2>
      <p className="muted">{t("admin.chainIntro")}</p>
      <ErrorSummary error={error} fields={{}} />
      <button type="button" className="button secondary" onClick={check} disabled={busy}>
        {busy ? t("admin.chainChecking") : t("admin.chainCheck")}
      </button>
      <div role="status">
        {status &&
          (status.broken ? (
            <p className="form-error">
              {status.broken.lane !== null && status.broken.seq !== null
                ? t("admin.chainBroken", { lane: status.broken.lane, seq: status.broken.seq, reason: status.broken.reason })
                : t("admin.chainIncomplete", { reason: status.broken.reason })}
            </p>
          ) : (
            <p className="success">
              {t("admin.chainOk", { entries: formatNumber(status.entries), time: formatDateTime(status.checkedAt) })}{" "}
              <span className="hash">{t("admin.chainHead", { hash: status.seal })}</span>
            </p>
          ))}
      </div>
    </section>
  );
}
