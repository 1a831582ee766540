/**
 * The handling actions of a ticket, each shown only when the API lists it in allowedActions.
 * Every action answers with the updated ticket; success is announced in a status region that
 * also takes focus, and problem+json errors are shown next to the form.
 */
import type { Priority, TicketDetail, TicketState, TicketTemplates, TicketType } from "@yhteys/contracts";
import { finishedStates, priorities, ticketTypes } from "@yhteys/contracts/constants";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ActionSection, CategoryOptions, type Done, FormError, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { name, priorityName, roleName, stateName, typeName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { useTypingReporter } from "./Presence.tsx";
import { LinkForm, MergeForm, SplitForm } from "./Related.tsx";
import { RequestForm } from "./Requests.tsx";
import { navigate } from "./router.ts";
import { SensitivityForm } from "./Sensitivity.tsx";
import { TagsForm } from "./Tags.tsx";

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
      {can("changeState") && ticket.allowedStates.length > 0 && <StateForm ticket={ticket} done={done} />}
      {can("forward") && <ForwardForm ticket={ticket} done={done} />}
      {can("note") && <NoteForm ticket={ticket} done={done} />}
      {can("request") && <RequestForm ticket={ticket} done={done} />}
      {can("link") && <LinkForm ticket={ticket} done={done} />}
      {can("merge") && !ticket.mergedInto && <MergeForm ticket={ticket} done={done} />}
      {can("split") && <SplitForm ticket={ticket} done={done} />}
      {can("reclassify") && <ReclassifyForm key={ticket.category.id} ticket={ticket} done={done} />}
      {can("edit") && <EditForm key={`${ticket.priority}-${ticket.type}`} ticket={ticket} done={done} />}
      {can("edit") && <TagsForm key={ticket.tags.join(",")} ticket={ticket} done={done} />}
      {can("edit") && <SensitivityForm key={String(ticket.sensitive)} ticket={ticket} done={done} />}
    </div>
  );
}

function ReplyForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const typed = useTypingReporter(ticket.id);
  const ids = { title: useId(), body: useId(), error: useId(), hint: useId(), template: useId() };
  const [body, setBody] = useState("");
  const [then, setThen] = useState<"" | "resolved" | "waiting_for_customer">("");
  const { busy, error, setError, run } = useAction();
  const options = (["resolved", "waiting_for_customer"] as const).filter((s) => ticket.allowedStates.includes(s));
  const noEmail = ticket.customer !== null && !ticket.customer.email;
  const [templates, setTemplates] = useState<TicketTemplates | null>(null);
  useEffect(() => {
    let current = true;
    api
      .replyTemplates(ticket.id)
      .then((x) => current && setTemplates(x))
      .catch(() => current && setTemplates(null));
    return () => {
      current = false;
    };
  }, [ticket.id]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError({ text: t("error.validation"), fields: [] });
    void run(async () => {
      const next = await api.actions.reply(ticket.id, { body: body.trim(), ...(then ? { state: then } : {}) });
      setBody("");
      setThen("");
      done(next, t("reply.done"));
    });
  };

  return (
    <ActionSection title={t("reply.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        {templates && templates.items.length > 0 && (
          <div className="field">
            <label htmlFor={ids.template}>{t("templates.pick")}</label>
            <select
              id={ids.template}
              value=""
              onChange={(e) => {
                const chosen = templates.items.find((x) => x.id === e.target.value);
                if (chosen) setBody((b) => (b.trim() ? `${b.trimEnd()}\n\n${chosen.text}` : chosen.text));
              }}
            >
              <option value="">{t("templates.none")}</option>
              {templates.items.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.body}>{t("reply.body")}</label>
          {noEmail && (
            <p className="hint" id={ids.hint}>
              {t("reply.noEmail")}
            </p>
          )}
          <textarea
            id={ids.body}
            rows={6}
            value={body}
            maxLength={20000}
            required
            onChange={(e) => {
              setBody(e.target.value);
              typed();
            }}
            aria-describedby={noEmail ? ids.hint : undefined}
            aria-invalid={error ? true : undefined}
          />
          {templates?.signature && (
            <p className="hint">
              {t("templates.signature")} <span className="prose">{templates.signature}</span>
            </p>
          )}
        </div>
        {options.length > 0 && (
          <fieldset className="choices">
            <legend>{t("reply.then")}</legend>
            <Radio name={`${ids.title}-then`} checked={then === ""} onChange={() => setThen("")} label={t("reply.keep")} />
            {options.map((s) => (
              <Radio
                key={s}
                name={`${ids.title}-then`}
                checked={then === s}
                onChange={() => setThen(s)}
                label={s === "resolved" ? t("reply.resolve") : t("reply.wait")}
              />
            ))}
          </fieldset>
        )}
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("reply.submit")} primary />
      </form>
    </ActionSection>
  );
}

function Radio({ name: group, checked, onChange, label }: { name: string; checked: boolean; onChange: () => void; label: string }) {
  const id = useId();
  return (
    <div className="radio">
      <input type="radio" id={id} name={group} checked={checked} onChange={onChange} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function NoteForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const typed = useTypingReporter(ticket.id);
  const ids = { title: useId(), body: useId(), hint: useId(), error: useId() };
  const [body, setBody] = useState("");
  const { busy, error, setError, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError({ text: t("error.validation"), fields: [] });
    void run(async () => {
      const next = await api.actions.note(ticket.id, { body: body.trim() });
      setBody("");
      done(next, t("note.done"));
    });
  };
  return (
    <ActionSection title={t("note.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.body}>{t("note.body")}</label>
          <p className="hint" id={ids.hint}>
            {t("note.hint")}
          </p>
          <textarea
            id={ids.body}
            rows={4}
            value={body}
            maxLength={20000}
            required
            aria-describedby={ids.hint}
            onChange={(e) => {
              setBody(e.target.value);
              typed();
            }}
          />
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("note.submit")} />
      </form>
    </ActionSection>
  );
}

function StateForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const ids = { title: useId(), reason: useId(), error: useId(), current: useId() };
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  const reopening = finishedStates.includes(ticket.state);

  const change = (state: TicketState) =>
    void run(async () => {
      const next = await api.actions.state(ticket.id, { state, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason("");
      done(next, t("state.done", { state: stateName(t, state) }));
    });

  return (
    <ActionSection title={t("state.title")} id={ids.title}>
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <p id={ids.current}>{t("state.current", { state: stateName(t, ticket.state) })}</p>
        <div className="field">
          <label htmlFor={ids.reason}>
            {t("state.reason")} <span className="optional">({t("common.optional")})</span>
          </label>
          <textarea id={ids.reason} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <FormError error={error} id={ids.error} />
        <div className="button-row">
          {ticket.allowedStates.map((s) => (
            <button
              key={s}
              type="button"
              className={`button ${finishedStates.includes(s) ? "primary" : "secondary"}`}
              disabled={busy}
              onClick={() => change(s)}
            >
              {reopening && !finishedStates.includes(s) ? t("state.reopen") : t("state.to", { state: stateName(t, s) })}
            </button>
          ))}
        </div>
      </form>
    </ActionSection>
  );
}

function ForwardForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), group: useId(), handler: useId(), note: useId(), error: useId() };
  const [groupId, setGroupId] = useState("");
  const [handlerId, setHandlerId] = useState("");
  const [note, setNote] = useState("");
  const { busy, error, setError, run } = useAction();
  if (!directory) return null;

  const users = groupId ? directory.users.filter((u) => u.groupIds.includes(groupId)) : directory.users;
  const targetName = () => {
    const group = directory.groups.find((g) => g.id === groupId);
    const user = directory.users.find((u) => u.id === handlerId);
    return [user?.name, group ? name(group.name, language) : null].filter(Boolean).join(", ");
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!groupId && !handlerId) return setError({ text: t("forward.needTarget"), fields: [] });
    const target = targetName();
    void run(async () => {
      const next = await api.actions.forward(ticket.id, {
        ...(groupId ? { groupId } : {}),
        ...(handlerId ? { handlerId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setGroupId("");
      setHandlerId("");
      setNote("");
      done(next, t("forward.done", { target }));
    });
  };

  return (
    <ActionSection title={t("forward.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.group}>{t("forward.group")}</label>
          <select
            id={ids.group}
            value={groupId}
            onChange={(e) => {
              setGroupId(e.target.value);
              setHandlerId("");
            }}
          >
            <option value="">{t("forward.keep")}</option>
            {directory.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.id === ticket.group?.id ? t("forward.current", { name: name(g.name, language) }) : name(g.name, language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.handler}>{t("forward.handler")}</label>
          <select id={ids.handler} value={handlerId} onChange={(e) => setHandlerId(e.target.value)}>
            <option value="">{groupId ? t("forward.toQueue") : t("forward.keep")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.id === ticket.handler?.id ? t("forward.current", { name: u.name }) : u.name} – {roleName(t, u.role)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>
            {t("forward.note")} <span className="optional">({t("common.optional")})</span>
          </label>
          <textarea id={ids.note} rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("forward.submit")} />
      </form>
    </ActionSection>
  );
}

function ReclassifyForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), category: useId(), type: useId(), error: useId() };
  const [categoryId, setCategoryId] = useState(ticket.category.id);
  const [type, setType] = useState<"" | TicketType>("");
  const { busy, error, run } = useAction();
  if (!directory) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const next = await api.actions.reclassify(ticket.id, { categoryId, ...(type ? { type } : {}) });
      setType("");
      const category = directory.categories.find((c) => c.id === categoryId);
      done(next, t("reclassify.done", { category: category ? name(category.name, language) : "" }));
    });
  };

  return (
    <ActionSection title={t("reclassify.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.category}>{t("reclassify.category")}</label>
          <select id={ids.category} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <CategoryOptions categories={directory.categories} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.type}>{t("reclassify.type")}</label>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as "" | TicketType)}>
            <option value="">{t("reclassify.keepType", { type: typeName(t, ticket.type) })}</option>
            {ticketTypes.map((x) => (
              <option key={x} value={x}>
                {typeName(t, x)}
              </option>
            ))}
          </select>
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("reclassify.submit")} />
      </form>
    </ActionSection>
  );
}

function EditForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const ids = { title: useId(), priority: useId(), type: useId(), error: useId() };
  const [priority, setPriority] = useState<Priority>(ticket.priority);
  const [type, setType] = useState<TicketType>(ticket.type);
  const { busy, error, setError, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const changes = { ...(priority !== ticket.priority ? { priority } : {}), ...(type !== ticket.type ? { type } : {}) };
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
          <div className="field">
            <label htmlFor={ids.priority}>{t("field.priority")}</label>
            <select id={ids.priority} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {priorityName(t, p)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.type}>{t("field.type")}</label>
            <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as TicketType)}>
              {ticketTypes.map((x) => (
                <option key={x} value={x}>
                  {typeName(t, x)}
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
