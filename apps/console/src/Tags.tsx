/** Edits a ticket's tags: typed, separated by commas; the server lower-cases them and keeps each once. */
import type { TicketDetail } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { ActionSection, type Done, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useI18n } from "./i18n.ts";

export function TagsForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const ids = { title: useId(), input: useId(), hint: useId(), error: useId() };
  const [text, setText] = useState(ticket.tags.join(", "));
  const { busy, error, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const tags = text
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean);
    void run(async () => {
      const next = await api.actions.edit(ticket.id, { tags });
      done(next, t("tags.saved"));
    });
  };

  return (
    <ActionSection title={t("tags.label")} id={ids.title}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.input}>{t("tags.label")}</label>
          <p className="hint" id={ids.hint}>
            {t("tags.hint")}
          </p>
          <input
            id={ids.input}
            value={text}
            aria-describedby={[ids.hint, error ? ids.error : null].filter(Boolean).join(" ")}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <FormFooter error={error} errorId={ids.error} busy={busy} label={t("tags.save")} />
      </form>
    </ActionSection>
  );
}
