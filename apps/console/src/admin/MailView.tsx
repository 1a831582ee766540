/**
 * Outgoing email for technical admins: the sender (From, Reply-To, optional DKIM whose key is
 * write-only), a test email, and the emails that failed with a button to send them again.
 */
import type { EmailDelivery, MailSettings } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { onLinkClick, ticketPath } from "../router.ts";
import { CheckboxField, ErrorSummary, FieldNotes, notesOf, TextField, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import * as adminApi from "./adminApi.ts";
import { useAdminList, useAdminPage } from "./useAdminList.tsx";

/** The email page. */
export function MailView() {
  const { t } = useI18n();
  const list = useAdminList(adminApi.mailSettings);
  const heading = useAdminPage(t("mail.title"), list.data !== null);
  const [sent, setSent] = useState(0);
  const settings = list.data;

  return (
    <section className="admin-view" aria-labelledby="admin-mail-heading">
      <h1 id="admin-mail-heading" ref={heading} tabIndex={-1}>
        {t("mail.title")}
      </h1>
      <p className="muted">{t("mail.intro")}</p>
      {list.status}
      {settings && (
        <>
          {!settings.transportConfigured && (
            <p className="form-error" role="status">
              {t("mail.noRelay")}
            </p>
          )}
          <SettingsForm settings={settings} onSaved={list.setData} />
          {settings.fromAddress && settings.transportConfigured && <TestEmailForm onSent={() => setSent((n) => n + 1)} />}
        </>
      )}
      <FailedEmails key={sent} />
    </section>
  );
}

function SettingsForm({ settings, onSaved }: { settings: MailSettings; onSaved: (s: MailSettings) => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [fromName, setFromName] = useState(settings.fromName);
  const [fromAddress, setFromAddress] = useState(settings.fromAddress);
  const [replyTo, setReplyTo] = useState(settings.replyTo ?? "");
  const [dkimOn, setDkimOn] = useState(settings.dkim !== null);
  const [domain, setDomain] = useState(settings.dkim?.domain ?? "");
  const [selector, setSelector] = useState(settings.dkim?.selector ?? "");
  const [privateKey, setPrivateKey] = useState("");
  const { busy, error, run } = useSubmit();
  const field = (key: string, label: string) => ({ id: `${prefix}${key}`, label });
  const labels = {
    fromName: field("fromName", t("mail.fromName")),
    fromAddress: field("fromAddress", t("mail.fromAddress")),
    replyTo: field("replyTo", t("mail.replyTo")),
    domain: field("domain", t("mail.dkimDomain")),
    selector: field("selector", t("mail.dkimSelector")),
    privateKey: field("privateKey", t("mail.dkimKey")),
  };

  const keyNotes = {
    id: labels.privateKey.id,
    hint: settings.dkim?.keySet ? t("mail.dkimKeySet") : t("mail.dkimKeyHint"),
    error: error?.fields.privateKey,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await adminApi.saveMailSettings({
        fromName: fromName.trim(),
        fromAddress: fromAddress.trim(),
        replyTo: replyTo.trim() || null,
        dkim: dkimOn
          ? { domain: domain.trim(), selector: selector.trim(), ...(privateKey.trim() ? { privateKey: privateKey.trim() } : {}) }
          : null,
      });
      setPrivateKey("");
      onSaved(saved);
      announce(t("mail.saved"));
    });
  };

  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("mail.settings")}</h2>
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <TextField
          {...labels.fromName}
          value={fromName}
          onChange={setFromName}
          hint={t("mail.fromNameHint")}
          error={error?.fields.fromName}
          required
        />
        <TextField
          {...labels.fromAddress}
          type="email"
          value={fromAddress}
          onChange={setFromAddress}
          error={error?.fields.fromAddress}
          required
        />
        <TextField
          {...labels.replyTo}
          type="email"
          value={replyTo}
          onChange={setReplyTo}
          hint={t("mail.replyToHint")}
          error={error?.fields.replyTo}
        />
        <CheckboxField id={`${prefix}dkim`} label={t("mail.dkim")} checked={dkimOn} onChange={setDkimOn} />
        {dkimOn && (
          <>
            <TextField {...labels.domain} value={domain} onChange={setDomain} error={error?.fields.domain} required />
            <TextField {...labels.selector} value={selector} onChange={setSelector} error={error?.fields.selector} required />
            <div className="field">
              <label htmlFor={labels.privateKey.id}>{labels.privateKey.label}</label>
              <FieldNotes {...keyNotes} />
              <textarea
                id={labels.privateKey.id}
                rows={6}
                value={privateKey}
                onChange={(e) => setPrivateKey(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={error?.fields.privateKey ? true : undefined}
                aria-describedby={notesOf(keyNotes)}
              />
            </div>
          </>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("mail.save")}
        </button>
      </form>
    </section>
  );
}

function TestEmailForm({ onSent }: { onSent: () => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [to, setTo] = useState("");
  const { busy, error, run } = useSubmit();
  const labels = { to: { id: `${prefix}to`, label: t("mail.testTo") } };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await adminApi.sendTestEmail(to.trim());
      announce(t("mail.testSent", { to: to.trim() }));
      onSent();
    });
  };
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("mail.test")}</h2>
      <ErrorSummary error={error} fields={labels} />
      <form onSubmit={submit} noValidate>
        <TextField {...labels.to} type="email" value={to} onChange={setTo} error={error?.fields.to} required />
        <button type="submit" className="button secondary" disabled={busy}>
          {t("mail.sendTest")}
        </button>
      </form>
    </section>
  );
}

function FailedEmails() {
  const { t, formatDateTime } = useI18n();
  const list = useAdminList(adminApi.failedEmails);
  const items = list.data?.items;
  const retry = (id: string) => void list.act(() => adminApi.retryEmail(id), t("mail.retried"));
  return (
    <section className="panel" aria-labelledby="admin-mail-failed">
      <h2 id="admin-mail-failed">{t("mail.failed")}</h2>
      <p className="muted">{t("mail.failedIntro")}</p>
      {list.status}
      <AdminTable
        headers={[
          t("mail.time"),
          t("mail.ticket"),
          t("mail.kind"),
          t("mail.recipient"),
          t("mail.state"),
          t("mail.error"),
          t("mail.actions"),
        ]}
        items={items}
        empty={t("mail.noFailed")}
        row={(d) => (
          <tr>
            <td>
              <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
            </td>
            <td className="nowrap">
              {d.ticket ? (
                <a href={ticketPath(d.ticket.id)} onClick={onLinkClick}>
                  {d.ticket.reference}
                </a>
              ) : (
                "–"
              )}
            </td>
            <td>{t(`mail.kind.${d.kind}`)}</td>
            <td>{t(`mail.recipient.${d.recipient}`)}</td>
            <td>{t(`mail.state.${d.state}`)}</td>
            <td>
              <FailureReason delivery={d} />
            </td>
            <td>
              {(d.state === "failed" || d.state === "unconfigured") && (
                <button type="button" className="button secondary" onClick={() => retry(d.id)}>
                  {t("mail.retry")}
                  <span className="visually-hidden"> {d.ticket?.reference ?? ""}</span>
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}

/**
 * Why an email was not sent, in plain language with what to do; the relay's own words are behind
 * "Technical details" for technical admins. Emails from before reasons were recorded show the text.
 */
function FailureReason({ delivery }: { delivery: EmailDelivery }) {
  const { t } = useI18n();
  const reason = delivery.failureReason;
  if (!reason) return <>{delivery.lastError ?? "–"}</>;
  return (
    <div className="failure-reason">
      <p>{t(`mail.reason.${reason}`)}</p>
      <p className="muted small">{t(`mail.todo.${reason}`)}</p>
      {delivery.lastError && (
        <details>
          <summary>{t("mail.technical")}</summary>
          <code className="hash">{delivery.lastError}</code>
        </details>
      )}
    </div>
  );
}
