/**
 * Publishing the ticket on the public feedback map (M5): the automatic removals of personal data
 * are highlighted for the handler, each can be undone; the texts stay editable; each photo is
 * published only if approved. The published state and unpublishing are shown here too, and the
 * resident's answer about publishing: a contact whose resident said no is not offered for publishing.
 */
import type { PublicationDraft, RedactionProposal, Removal, TicketDetail } from "@yhteys/contracts";
import { applyRemovals } from "@yhteys/contracts/constants";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { type Done, FormError, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { channelName } from "./format.ts";
import { type MessageKey, useI18n } from "./i18n.ts";

const draftOf = (id: string) => api.staff<PublicationDraft>(`/api/staff/tickets/${encodeURIComponent(id)}/publication`);
const publicationUrl = (id: string) => `/api/staff/tickets/${encodeURIComponent(id)}/publication`;

/** The original text with each removal highlighted and a button to undo or redo it. */
function Removals(props: { proposal: RedactionProposal; undone: Set<number>; toggle: (i: number) => void; label: string }) {
  const { t } = useI18n();
  const { original, removals } = props.proposal;
  const parts: ReactNode[] = [];
  let at = 0;
  removals.forEach((r: Removal, i) => {
    parts.push(original.slice(at, r.start));
    const undone = props.undone.has(i);
    const kind = t(`publish.kind.${r.kind}` as MessageKey);
    parts.push(
      <span key={`${r.start}-${r.end}`} className={`removal ${undone ? "removal-undone" : "removal-kept"}`}>
        {undone ? <span>{r.original}</span> : <del>{r.original}</del>}
        <span className="visually-hidden"> ({undone ? t("publish.restored") : t("publish.removedAs", { kind })})</span>{" "}
        <button type="button" className="link-button small" aria-pressed={undone} onClick={() => props.toggle(i)}>
          {undone ? t("publish.redo") : t("publish.undo")}
          <span className="visually-hidden"> {r.original}</span>
        </button>
      </span>,
    );
    at = r.end;
  });
  parts.push(original.slice(at));
  return (
    <figure className="redaction">
      <figcaption>{props.label}</figcaption>
      {removals.length === 0 && <p className="muted small">{t("publish.noRemovals")}</p>}
      <p className="prose redaction-text">{parts}</p>
    </figure>
  );
}

/** Removals kept and the text they give; `undone` holds indexes of removals the handler undid. */
const applied = (p: RedactionProposal, undone: Set<number>) =>
  applyRemovals(
    p.original,
    p.removals.filter((_, i) => !undone.has(i)),
  );

function PublishForm({
  ticket,
  draft,
  onDone,
  onCancel,
}: {
  ticket: TicketDetail;
  draft: PublicationDraft;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { busy, error, run } = useAction();
  const [undoneText, setUndoneText] = useState(new Set<number>());
  const [undoneAnswer, setUndoneAnswer] = useState(new Set<number>());
  const [text, setText] = useState(draft.publication?.publicText ?? applied(draft.text, undoneText));
  const [withAnswer, setWithAnswer] = useState(draft.publication ? draft.publication.publicAnswer !== null : draft.answer !== null);
  const [answer, setAnswer] = useState(draft.publication?.publicAnswer ?? (draft.answer ? applied(draft.answer, undoneAnswer) : ""));
  const [photos, setPhotos] = useState(new Set(draft.publication?.photoIds ?? []));

  const toggler = (set: Set<number>, update: (s: Set<number>) => void, after: (s: Set<number>) => void) => (i: number) => {
    const next = new Set(set);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    update(next);
    after(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const removals = draft.text.removals.length + (withAnswer && draft.answer ? draft.answer.removals.length : 0);
      const undone = undoneText.size + (withAnswer ? undoneAnswer.size : 0);
      const updated = await api.staff<TicketDetail>(publicationUrl(ticket.id), {
        method: "PUT",
        body: {
          publicText: text,
          publicAnswer: withAnswer && answer.trim() ? answer : null,
          photoIds: [...photos],
          removalsKept: removals - undone,
          removalsUndone: undone,
        },
      });
      onDone(updated, t("publish.published"));
    });
  };
  const base = `/api/staff/tickets/${encodeURIComponent(ticket.id)}/attachments`;
  return (
    <form onSubmit={submit} className="publish-form" aria-describedby={`${id}-error`}>
      <p>{t("publish.removalsIntro")}</p>
      <Removals
        proposal={draft.text}
        undone={undoneText}
        label={t("publish.original")}
        toggle={toggler(undoneText, setUndoneText, (s) => setText(applied(draft.text, s)))}
      />
      <label htmlFor={`${id}-text`}>{t("publish.publicText")}</label>
      <p className="muted small" id={`${id}-text-help`}>
        {t("publish.publicTextHelp")}
      </p>
      <textarea
        id={`${id}-text`}
        aria-describedby={`${id}-text-help`}
        rows={6}
        required
        maxLength={5000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {draft.answer && (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={withAnswer} onChange={(e) => setWithAnswer(e.target.checked)} /> {t("publish.includeAnswer")}
          </label>
          {withAnswer && (
            <>
              <Removals
                proposal={draft.answer}
                undone={undoneAnswer}
                label={t("publish.publicAnswer")}
                toggle={toggler(undoneAnswer, setUndoneAnswer, (s) => draft.answer && setAnswer(applied(draft.answer, s)))}
              />
              <label htmlFor={`${id}-answer`}>{t("publish.publicAnswer")}</label>
              <textarea id={`${id}-answer`} rows={4} maxLength={5000} value={answer} onChange={(e) => setAnswer(e.target.value)} />
            </>
          )}
        </>
      )}
      <fieldset>
        <legend>{t("publish.photos")}</legend>
        <p className="muted small">{t("publish.photosHelp")}</p>
        {draft.photos.length === 0 ? (
          <p className="muted small">{t("publish.noPhotos")}</p>
        ) : (
          <ul className="publish-photos">
            {draft.photos.map((p) => (
              <li key={p.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={photos.has(p.id)}
                    onChange={(e) => {
                      const next = new Set(photos);
                      if (e.target.checked) next.add(p.id);
                      else next.delete(p.id);
                      setPhotos(next);
                    }}
                  />
                  {p.hasThumbnail && <img src={`${base}/${p.id}/thumbnail`} alt="" loading="lazy" />}
                  <span>{t("publish.approvePhoto", { name: p.fileName })}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <FormError error={error} id={`${id}-error`} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("publish.publish")}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t("publish.cancel")}
        </button>
      </div>
    </form>
  );
}

export function PublishPanel({ ticket, onDone }: { ticket: TicketDetail; onDone: Done }) {
  const { t, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<PublicationDraft | null>(null);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<PublicationDraft["publication"] | undefined>(undefined);
  const { busy, error, run } = useAction();
  const id = useId();
  if (!ticket.allowedActions.includes("publish")) return null;
  const published = ticket.history.reduce<boolean>(
    (state, e) => (e.type === "ticket.published" ? true : e.type === "ticket.unpublished" ? false : state),
    false,
  );
  const lastPublished = [...ticket.history].reverse().find((e) => e.type === "ticket.published");
  const refused = ticket.publishConsent === false;
  const load = () =>
    run(async () => {
      const d = await draftOf(ticket.id);
      setDraft(d);
      setStatus(d.publication);
      setOpen(true);
    });
  const unpublish = () =>
    run(async () => {
      const updated = await api.staff<TicketDetail>(publicationUrl(ticket.id), { method: "DELETE" });
      setOpen(false);
      setStatus(null);
      onDone(updated, t("publish.unpublished"));
    });
  return (
    <section aria-labelledby={`${id}-heading`} className="panel publish-panel">
      <h2 id={`${id}-heading`}>{t("publish.title")}</h2>
      <p>
        {published && lastPublished
          ? t("publish.publishedBy", { date: formatDateTime(lastPublished.createdAt), name: lastPublished.actor ?? "–" })
          : t("publish.notPublished")}
      </p>
      {refused ? (
        <p className="notice">
          <strong>{t("publish.consentRefused")}</strong> {!published && t("publish.refusedHelp")}
        </p>
      ) : (
        <p className="muted small">
          {ticket.publishConsent ? t("publish.consentGiven") : t("publish.consentNotAsked", { channel: channelName(t, ticket.channel) })}
        </p>
      )}
      {open && draft ? (
        <PublishForm
          ticket={ticket}
          draft={{ ...draft, publication: status ?? null }}
          onCancel={() => setOpen(false)}
          onDone={(updated, message) => {
            setOpen(false);
            onDone(updated, message);
          }}
        />
      ) : (
        <div className="button-row">
          {!refused && (
            <button type="button" className="button primary" onClick={() => void load()} disabled={busy}>
              {busy && !published ? t("publish.loading") : published ? t("publish.edit") : t("publish.open")}
            </button>
          )}
          {published && (
            <button type="button" className="button secondary" onClick={() => void unpublish()} disabled={busy}>
              {t("publish.unpublish")}
            </button>
          )}
        </div>
      )}
      <FormError error={error} id={`${id}-error`} />
    </section>
  );
}
