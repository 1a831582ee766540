/** Flags or unflags a ticket as holding special categories of personal data, with a reason for the history. */
import type { TicketDetail } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { ActionSection, type Done, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useI18n } from "./i18n.ts";

export function SensitivityForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const ids = { title: useId(), explain: useId(), reason: useId(), error: useId() };
  const [reason, setReason] = useState("");
  const { busy, error, setError, run } = useAction();
  const sensitive = !ticket.sensitive;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError({ text: t("sensitive.needReason"), fields: [] });
    void run(async () => {
      const next = await api.actions.sensitivity(ticket.id, { sensitive, reason: reason.trim() });
      done(next, t(sensitive ? "sensitive.flagged" : "sensitive.unflagged"));
    });
  };

  return (
    <ActionSection title={t("sensitive.title")} id={ids.title}>
      <form onSubmit={submit} noValidate aria-describedby={ids.explain}>
        <p id={ids.explain} className="muted">
          {t(ticket.sensitive ? "sensitive.explainOn" : "sensitive.explainOff")}
        </p>
        <div className="field">
          <label htmlFor={ids.reason}>{t("sensitive.reason")}</label>
          <textarea
            id={ids.reason}
            rows={2}
            maxLength={500}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t(sensitive ? "sensitive.flag" : "sensitive.unflag")} />
      </form>
    </ActionSection>
  );
}
