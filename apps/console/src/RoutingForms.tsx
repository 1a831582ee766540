/** Moving a ticket: forwarding it to a group or person, and reclassifying its category and type. */
import type { TicketDetail } from "@yhteys/contracts";
import { typeSelection } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useState } from "react";
import { ActionSection, CategoryOptions, type Done, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { name, ticketTypeKey, ticketTypeName, typeChoices } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { type Target, TargetPicker } from "./TargetPicker.tsx";

export function ForwardForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), note: useId(), error: useId() };
  const [target, setTarget] = useState<Target>({ groupId: "", handlerId: "" });
  const [note, setNote] = useState("");
  const { busy, error, setError, run } = useAction();
  if (!directory) return null;

  const { groupId, handlerId } = target;
  const targetName = () => {
    const group = directory.groups.find((g) => g.id === groupId);
    const user = directory.users.find((u) => u.id === handlerId);
    return [user?.name, group ? name(group.name, language) : null].filter(Boolean).join(", ");
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!groupId && !handlerId) return setError({ text: t("forward.needTarget"), fields: [] });
    const label = targetName();
    void run(async () => {
      const next = await api.actions.forward(ticket.id, {
        ...(groupId ? { groupId } : {}),
        ...(handlerId ? { handlerId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setTarget({ groupId: "", handlerId: "" });
      setNote("");
      done(next, t("forward.done", { target: label }));
    });
  };

  return (
    <ActionSection title={t("forward.title")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <TargetPicker
          value={target}
          onChange={setTarget}
          current={{ groupId: ticket.group?.id ?? null, handlerId: ticket.handler?.id ?? null }}
        />
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

export function ReclassifyForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const ids = { title: useId(), category: useId(), type: useId(), error: useId() };
  const [categoryId, setCategoryId] = useState(ticket.category.id);
  const [type, setType] = useState("");
  const { busy, error, run } = useAction();
  if (!directory) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const next = await api.actions.reclassify(ticket.id, { categoryId, ...typeSelection(directory.types, type) });
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
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t("reclassify.keepType", { type: ticketTypeName(t, language, directory.types, ticket) })}</option>
            {typeChoices(t, language, directory.types, ticketTypeKey(directory.types, ticket)).map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("reclassify.submit")} />
      </form>
    </ActionSection>
  );
}
