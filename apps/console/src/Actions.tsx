/**
 * The handling actions of a ticket, each shown only when the API lists it in allowedActions.
 * Every action answers with the updated ticket; success is announced in a status region that
 * also takes focus, and problem+json errors are shown next to the form.
 */
import type { Priority, TicketDetail } from "@yhteys/contracts";
import { finishedStates, typeSelection } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useRef, useState } from "react";
import { ActionSection, type Done, FormError, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { name, stateName, ticketTypeKey, typeChoices } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { NoteForm } from "./NoteForm.tsx";
import { LinkForm, MergeForm, SplitForm } from "./Related.tsx";
import { ReplyForm } from "./ReplyForm.tsx";
import { RequestForm } from "./Requests.tsx";
import { ForwardForm, ReclassifyForm } from "./RoutingForms.tsx";
import { navigate } from "./router.ts";
import { SensitivityForm } from "./Sensitivity.tsx";
import { TagsForm } from "./Tags.tsx";
import { PrioritySelect } from "./TicketSelects.tsx";

export function Actions({ ticket, onUpdated }: { ticket: TicketDetail; onUpdated: (ticket: TicketDetail) => void }) {
  const { t } = useI18n();
  const { announce, lastQueuePath, refreshQueues } = useConsole();
  const [status, setStatus] = useState("");
  const statusRef = useRef<HTMLParagraphElement>(null);
  const can = (a: TicketDetail["allowedActions"][number]) => ticket.allowedActions.includes(a);

  const done: Done = (next, message) => {
    if (!next) {
      // The change was made, but the ticket is no longer the user's to see (e.g. forwarded away).
      announce(`${message} ${t("forward.gone")}`);
      refreshQueues();
      navigate(lastQueuePath ?? "/console/");
      return;
    }
    onUpdated(next);
    setStatus(message);
    // Focus the confirmation: the form the user was in may have changed or gone.
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  return (
    <div className="actions">
      <p ref={statusRef} tabIndex={-1} role="status" className={status ? "success" : "status-empty"}>
        {status}
      </p>
      {ticket.allowedActions.length === 0 && <p className="muted">{t("actions.readOnly")}</p>}
      {can("reply") && <ReplyForm ticket={ticket} done={done} />}
      {can("changeState") && (ticket.allowedStates.length > 0 || ticket.allowedStatuses.length > 0) && (
        <StateForm ticket={ticket} done={done} />
      )}
      {can("forward") && <ForwardForm ticket={ticket} done={done} />}
      {can("note") && <NoteForm ticket={ticket} done={done} />}
      {can("request") && <RequestForm ticket={ticket} done={done} />}
      {can("link") && <LinkForm ticket={ticket} done={done} />}
      {can("merge") && !ticket.mergedInto && <MergeForm ticket={ticket} done={done} />}
      {can("split") && <SplitForm ticket={ticket} done={done} />}
      {can("reclassify") && <ReclassifyForm key={ticket.category.id} ticket={ticket} done={done} />}
      {can("edit") && <EditForm key={`${ticket.priority}-${ticket.type}-${ticket.typeId}`} ticket={ticket} done={done} />}
      {can("edit") && <TagsForm key={ticket.tags.join(",")} ticket={ticket} done={done} />}
      {can("edit") && <SensitivityForm key={String(ticket.sensitive)} ticket={ticket} done={done} />}
    </div>
  );
}

/** The moves the ticket's workflow allows: its type's own statuses when it has them, else the built-in states. */
function StateForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const ids = { title: useId(), reason: useId(), error: useId(), current: useId() };
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  const reopening = finishedStates.includes(ticket.state);
  const ownStatuses = ticket.status !== null || ticket.allowedStatuses.length > 0;
  const choices = ownStatuses
    ? ticket.allowedStatuses.map((s) => ({ key: s.id, phase: s.phase, label: name(s.name, language), move: { statusId: s.id } }))
    : ticket.allowedStates.map((s) => ({ key: s, phase: s, label: stateName(t, s), move: { state: s } }));

  const change = (choice: (typeof choices)[number]) =>
    void run(async () => {
      const next = await api.actions.state(ticket.id, { ...choice.move, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason("");
      done(next, t("state.done", { state: choice.label }));
    });

  return (
    <ActionSection title={t("state.title")} id={ids.title}>
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <p id={ids.current}>
          {t("state.current", { state: ticket.status ? name(ticket.status.name, language) : stateName(t, ticket.state) })}
        </p>
        <div className="field">
          <label htmlFor={ids.reason}>
            {t("state.reason")} <span className="optional">({t("common.optional")})</span>
          </label>
          <textarea id={ids.reason} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <FormError error={error} id={ids.error} />
        <div className="button-row">
          {choices.map((c) => (
            <button
              key={c.key}
              type="button"
              className={`button ${finishedStates.includes(c.phase) ? "primary" : "secondary"}`}
              disabled={busy}
              onClick={() => change(c)}
            >
              {reopening && !finishedStates.includes(c.phase) && !ownStatuses ? t("state.reopen") : t("state.to", { state: c.label })}
            </button>
          ))}
        </div>
      </form>
    </ActionSection>
  );
}

function EditForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), priority: useId(), type: useId(), error: useId() };
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const currentType = ticketTypeKey(directory?.types, ticket);
  const [type, setType] = useState(currentType);
  const { busy, error, setError, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes = {
      ...(priority !== ticket.priority ? { priority } : {}),
      ...(type !== currentType ? typeSelection(directory?.types ?? [], type) : {}),
    };
    if (!Object.keys(changes).length) return setError({ text: t("edit.nothing"), fields: [] });
    void run(async () => {
      const next = await api.actions.edit(ticket.id, changes);
      done(next, t("edit.done"));
    });
  };

  return (
    <ActionSection title={t("edit.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <div className="field-row">
          <PrioritySelect id={ids.priority} value={priority} onChange={setPriority} />
          <div className="field">
            <label htmlFor={ids.type}>{t("field.type")}</label>
            <select id={ids.type} value={type} onChange={(e) => setType(e.target.value)}>
              {typeChoices(t, language, directory?.types, currentType).map((x) => (
                <option key={x.value} value={x.value}>
                  {x.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("edit.submit")} />
      </form>
    </ActionSection>
  );
}
