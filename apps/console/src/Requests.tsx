/**
 * Comment requests and information: the form that asks a colleague or a group (an action of the
 * ticket), and the ticket's list of requests with their answers, where a recipient answers.
 */
import type { TicketDetail, TicketRequest, TicketRequestKind } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { ActionSection, type Done, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { name, roleName } from "./format.ts";
import { useI18n } from "./i18n.ts";

const askable = ["technical_admin", "service_advisor", "content_admin", "expert"];

export function RequestForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), to: useId(), message: useId(), due: useId(), error: useId(), kind: useId() };
  const [kind, setKind] = useState<TicketRequestKind>("comment");
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");
  const [dueOn, setDueOn] = useState("");
  const { busy, error, setError, run } = useAction();
  if (!directory) return null;
  const people = directory.users.filter((u) => askable.includes(u.role));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [toKind, toId] = to.split(":");
    const missing = [
      !toId ? t("request.needRecipient") : null,
      !message.trim() ? t("request.needMessage") : null,
      kind === "comment" && !dueOn ? t("request.needDue") : null,
    ].filter((m): m is string => m !== null);
    if (missing.length) return setError({ text: t("error.validation"), fields: missing });
    const target =
      toKind === "group"
        ? name(directory.groups.find((g) => g.id === toId)?.name, language)
        : (people.find((u) => u.id === toId)?.name ?? "");
    void run(async () => {
      const next = await api.actions.request(ticket.id, {
        kind,
        ...(toKind === "group" ? { toGroupId: toId } : { toUserId: toId }),
        message: message.trim(),
        ...(kind === "comment" ? { dueOn } : {}),
      });
      setTo("");
      setMessage("");
      setDueOn("");
      done(next, t("request.sent", { to: target }));
    });
  };

  return (
    <ActionSection title={t("request.title")} id={ids.title}>
      <form onSubmit={submit} noValidate aria-describedby={ids.error}>
        <fieldset className="choices">
          <legend>{t("request.kind")}</legend>
          {(["comment", "information"] as const).map((k) => (
            <div className="radio" key={k}>
              <input type="radio" id={`${ids.kind}-${k}`} name={ids.kind} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`${ids.kind}-${k}`}>{t(`request.kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={ids.to}>{t("request.to")}</label>
          <select id={ids.to} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t("request.chooseRecipient")}</option>
            <optgroup label={t("request.groups")}>
              {directory.groups.map((g) => (
                <option key={g.id} value={`group:${g.id}`}>
                  {name(g.name, language)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("request.people")}>
              {people.map((u) => (
                <option key={u.id} value={`user:${u.id}`}>
                  {u.name} – {roleName(t, u.role)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.message}>{t("request.message")}</label>
          <textarea id={ids.message} rows={3} maxLength={5000} value={message} onChange={(e) => setMessage(e.target.value)} />
        </div>
        {kind === "comment" && (
          <div className="field">
            <label htmlFor={ids.due}>{t("request.dueOn")}</label>
            <input id={ids.due} type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
          </div>
        )}
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("request.submit")} />
      </form>
    </ActionSection>
  );
}

/** The ticket's requests, newest last; an open comment request to the user has an answer form. */
export function RequestsPanel({ ticket, onUpdated }: { ticket: TicketDetail; onUpdated: (ticket: TicketDetail) => void }) {
  const { t, language, formatDate, formatDateTime } = useI18n();
  const id = useId();
  if (!ticket.requests.length) return null;
  const recipient = (r: TicketRequest) => (typeof r.to.name === "string" ? r.to.name : name(r.to.name, language));
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t("requests.title")}</h2>
      {ticket.allowedActions.length === 0 && ticket.requests.some((r) => r.kind === "information" || r.mayAnswer) && (
        <p className="muted">{t("requests.readOnly")}</p>
      )}
      <ul className="requests">
        {ticket.requests.map((r) => (
          <li key={r.id}>
            <p>
              <strong>{t(`requests.${r.kind}`)}</strong> · {t("requests.fromTo", { from: r.requestedBy ?? "–", to: recipient(r) })} ·{" "}
              <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
              {r.dueOn && <> · {t("requests.due", { date: formatDate(r.dueOn) })}</>}
            </p>
            <p className="request-message">{r.message}</p>
            {r.kind === "comment" &&
              (r.answer !== null ? (
                <p className="request-answer">
                  {t("requests.answeredBy", { name: r.answeredBy ?? "–", time: r.answeredAt ? formatDateTime(r.answeredAt) : "" })}{" "}
                  {r.answer}
                </p>
              ) : r.mayAnswer ? (
                <AnswerForm ticketId={ticket.id} requestId={r.id} onUpdated={onUpdated} />
              ) : (
                <p className="muted">{t("requests.waiting")}</p>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AnswerForm({ ticketId, requestId, onUpdated }: { ticketId: string; requestId: string; onUpdated: (t: TicketDetail) => void }) {
  const { t } = useI18n();
  const { announce, refreshQueues } = useConsole();
  const ids = { answer: useId(), error: useId() };
  const [answer, setAnswer] = useState("");
  const { busy, error, setError, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) return setError({ text: t("requests.needAnswer"), fields: [] });
    void run(async () => {
      const next = await api.actions.answer(ticketId, requestId, { answer: answer.trim() });
      if (next) onUpdated(next);
      announce(t("requests.answered"));
      refreshQueues();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={ids.answer}>{t("requests.answer")}</label>
        <textarea id={ids.answer} rows={3} maxLength={5000} value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </div>
      <FormFooter error={error} errorId={ids.error} busy={busy} label={t("requests.submitAnswer")} primary />
    </form>
  );
}
