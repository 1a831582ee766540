/**
 * Handling across tickets: the related tickets of the ticket view (links, merge pointers) and the
 * forms to link, merge a duplicate and split a multi-topic contact.
 */
import type { SplitRequest, TicketDetail, TicketReference } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { ActionSection, CategoryOptions, type Done, FormFooter, GroupOptions, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { name, stateName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { onLinkClick, ticketPath } from "./router.ts";

function ReferenceLink({ ticket }: { ticket: TicketReference }) {
  const { t, language } = useI18n();
  return (
    <>
      <a href={ticketPath(ticket.id)} onClick={onLinkClick}>
        {ticket.reference}
      </a>{" "}
      <span className={`badge state-${ticket.state}`}>{stateName(t, ticket.state)}</span>{" "}
      <span className="muted">{name(ticket.category.name, language)}</span>
    </>
  );
}

/** The related tickets of the ticket view, with unlinking for those who may link. */
export function RelatedPanel({ ticket, onUpdated }: { ticket: TicketDetail; onUpdated: (ticket: TicketDetail) => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const { busy, error, run } = useAction();
  const mayLink = ticket.allowedActions.includes("link");
  const unlink = (other: TicketReference) =>
    void run(async () => {
      const next = await api.actions.unlink(ticket.id, other.id);
      if (next) onUpdated(next);
      announce(t("related.unlinked", { reference: other.reference }));
    });
  return (
    <section aria-labelledby="related-heading" className="panel related">
      <h2 id="related-heading">{t("related.title")}</h2>
      {ticket.mergedInto && (
        <p className="notice">
          {t("related.mergedInto")} <ReferenceLink ticket={ticket.mergedInto} />
        </p>
      )}
      {ticket.links.length === 0 && ticket.mergedFrom.length === 0 && !ticket.mergedInto && <p className="muted">{t("related.none")}</p>}
      {ticket.links.length > 0 && (
        <ul className="related-list">
          {ticket.links.map((l) => (
            <li key={l.id}>
              <ReferenceLink ticket={l} />
              {mayLink && (
                <button type="button" className="link-button" disabled={busy} onClick={() => unlink(l)}>
                  {t("related.unlink", { reference: l.reference })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {ticket.mergedFrom.length > 0 && (
        <>
          <h3>{t("related.mergedFrom")}</h3>
          <ul className="related-list">
            {ticket.mergedFrom.map((m) => (
              <li key={m.id}>
                <ReferenceLink ticket={m} />
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error.text}
        </p>
      )}
    </section>
  );
}

/** A form with one reference field: linking and merging. */
function ReferenceForm(props: {
  ticket: TicketDetail;
  done: Done;
  kind: "link" | "merge";
  send: (reference: string) => Promise<TicketDetail | null>;
}) {
  const { t } = useI18n();
  const ids = { title: useId(), reference: useId(), hint: useId(), confirm: useId(), error: useId() };
  const [reference, setReference] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const { busy, error, setError, run } = useAction();
  const merge = props.kind === "merge";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ref = reference.trim().toUpperCase();
    if (!ref) return setError({ text: t("error.validation"), fields: [] });
    if (merge && !confirmed) return setError({ text: t("merge.needConfirm"), fields: [] });
    void run(async () => {
      const next = await props.send(ref);
      setReference("");
      setConfirmed(false);
      props.done(next, t(merge ? "merge.done" : "link.done", { reference: ref }));
    });
  };
  return (
    <ActionSection title={t(merge ? "merge.title" : "link.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        {merge && <p className="hint">{t("merge.hint")}</p>}
        <div className="field">
          <label htmlFor={ids.reference}>{t(merge ? "merge.reference" : "link.reference")}</label>
          <p className="hint" id={ids.hint}>
            {t("link.hint")}
          </p>
          <input
            id={ids.reference}
            value={reference}
            maxLength={40}
            autoComplete="off"
            aria-describedby={ids.hint}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
        {merge && (
          <div className="radio">
            <input id={ids.confirm} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            <label htmlFor={ids.confirm}>{t("merge.confirm")}</label>
          </div>
        )}
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t(merge ? "merge.submit" : "link.submit")} />
      </form>
    </ActionSection>
  );
}

export const LinkForm = ({ ticket, done }: { ticket: TicketDetail; done: Done }) => (
  <ReferenceForm ticket={ticket} done={done} kind="link" send={(reference) => api.actions.link(ticket.id, { reference })} />
);

export const MergeForm = ({ ticket, done }: { ticket: TicketDetail; done: Done }) => (
  <ReferenceForm ticket={ticket} done={done} kind="merge" send={(reference) => api.actions.merge(ticket.id, { reference })} />
);

type Part = { key: number; description: string; categoryId: string; groupId: string };

/** Split: one part per topic, each with its text, category and (optionally) group. */
export function SplitForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), error: useId() };
  const fresh = (key: number): Part => ({ key, description: "", categoryId: ticket.category.id, groupId: "" });
  const [parts, setParts] = useState<Part[]>([fresh(1)]);
  const { busy, error, setError, run } = useAction();
  if (!directory) return null;
  const update = (key: number, change: Partial<Part>) => setParts((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parts.some((p) => !p.description.trim())) return setError({ text: t("error.validation"), fields: [] });
    const body: SplitRequest = {
      parts: parts.map((p) => ({
        description: p.description.trim(),
        categoryId: p.categoryId,
        ...(p.groupId ? { groupId: p.groupId } : {}),
      })),
    };
    void run(async () => {
      const next = await api.actions.split(ticket.id, body);
      setParts([fresh(1)]);
      done(next, t("split.done", { count: body.parts.length }));
    });
  };

  return (
    <ActionSection title={t("split.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <p className="hint">{t("split.hint")}</p>
        {parts.map((p, i) => (
          <fieldset key={p.key} className="split-part">
            <legend>{t("split.part", { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={`${ids.title}-text-${p.key}`}>{t("split.text")}</label>
              <textarea
                id={`${ids.title}-text-${p.key}`}
                rows={3}
                maxLength={5000}
                value={p.description}
                onChange={(e) => update(p.key, { description: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${ids.title}-category-${p.key}`}>{t("split.category")}</label>
              <select
                id={`${ids.title}-category-${p.key}`}
                value={p.categoryId}
                onChange={(e) => update(p.key, { categoryId: e.target.value })}
              >
                <CategoryOptions categories={directory.categories} />
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${ids.title}-group-${p.key}`}>{t("split.group")}</label>
              <select id={`${ids.title}-group-${p.key}`} value={p.groupId} onChange={(e) => update(p.key, { groupId: e.target.value })}>
                <option value="">{t("split.groupAuto")}</option>
                <GroupOptions groups={directory.groups} />
              </select>
            </div>
            {parts.length > 1 && (
              <button type="button" className="button secondary" onClick={() => setParts((ps) => ps.filter((x) => x.key !== p.key))}>
                {t("split.remove", { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {parts.length < 10 && (
          <p>
            <button
              type="button"
              className="button secondary"
              onClick={() => setParts((ps) => [...ps, fresh(Math.max(...ps.map((x) => x.key)) + 1)])}
            >
              {t("split.add")}
            </button>
          </p>
        )}
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("split.submit")} />
      </form>
    </ActionSection>
  );
}
