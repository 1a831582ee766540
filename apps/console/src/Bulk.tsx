/**
 * Bulk actions of a queue: the rows selected with their checkboxes are assigned, moved to a state
 * or given a priority with one request. The server changes each ticket on its own (rights and
 * events per ticket) and answers what it changed and what it refused, and why.
 */
import type { BulkRequest, BulkResult, Priority, TicketRow, TicketState } from "@yhteys/contracts";
import { type FormEvent, useId, useRef, useState } from "react";
import { FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useConsole } from "./Console.tsx";
import { useI18n } from "./i18n.ts";
import { type Target, TargetPicker } from "./TargetPicker.tsx";
import { PrioritySelect, StateSelect } from "./TicketSelects.tsx";

type Action = BulkRequest["change"]["action"];

export function BulkBar({ selected, rows, onDone }: { selected: string[]; rows: TicketRow[]; onDone: () => void }) {
  const { t } = useI18n();
  const { directory, refreshQueues } = useConsole();
  const ids = { title: useId(), action: useId(), state: useId(), priority: useId(), error: useId() };
  const [action, setAction] = useState<Action>("assign");
  const [target, setTarget] = useState<Target>({ groupId: "", handlerId: "" });
  const [state, setState] = useState<TicketState>("in_progress");
  const [priority, setPriority] = useState<Priority>("high");
  const [result, setResult] = useState<BulkResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const { busy, error, setError, run } = useAction();
  if (!directory) return null;

  const referenceOf = (id: string, reference: string | null) => reference ?? rows.find((r) => r.id === id)?.reference ?? t("bulk.hidden");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { groupId, handlerId } = target;
    if (action === "assign" && !groupId && !handlerId) return setError({ text: t("forward.needTarget"), fields: [] });
    const change: BulkRequest["change"] =
      action === "assign"
        ? { action, ...(groupId ? { groupId } : {}), ...(handlerId ? { handlerId } : {}) }
        : action === "state"
          ? { action, state }
          : { action, priority };
    void run(async () => {
      const answer = await api.bulk({ ticketIds: selected, change });
      setResult(answer);
      refreshQueues();
      onDone();
      requestAnimationFrame(() => resultRef.current?.focus());
    });
  };

  return (
    <section className="bulk-bar panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>
        {t("bulk.title")}: {t("bulk.selected", { count: selected.length })}
      </h2>
      {selected.length === 0 && <p className="muted">{t("bulk.hint")}</p>}
      {selected.length > 0 && (
        <form onSubmit={submit} noValidate className="bulk-form">
          <div className="field">
            <label htmlFor={ids.action}>{t("bulk.action")}</label>
            <select id={ids.action} value={action} onChange={(e) => setAction(e.target.value as Action)}>
              <option value="assign">{t("bulk.assign")}</option>
              <option value="state">{t("bulk.state")}</option>
              <option value="priority">{t("bulk.priority")}</option>
            </select>
          </div>
          {action === "assign" && <TargetPicker value={target} onChange={setTarget} />}
          {action === "state" && <StateSelect id={ids.state} value={state} onChange={setState} />}
          {action === "priority" && <PrioritySelect id={ids.priority} value={priority} onChange={setPriority} />}
          <FormFooter error={error} errorId={ids.error} busy={busy} label={t("bulk.apply")} primary />
        </form>
      )}
      <div ref={resultRef} tabIndex={-1} role="status" className={result ? "bulk-result" : "status-empty"}>
        {result && (
          <>
            <p className={result.refused.length ? undefined : "success"}>
              {t("bulk.result", { changed: result.changed.length, refused: result.refused.length })}
            </p>
            {result.refused.length > 0 && (
              <ul>
                {result.refused.map((r) => (
                  <li key={r.id}>{t("bulk.refusedItem", { reference: referenceOf(r.id, r.reference), reason: r.detail })}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
