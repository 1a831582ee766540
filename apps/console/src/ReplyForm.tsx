/**
 * Replying to the resident: rich text in the editor, a template inserted from the picker (filled in
 * for this ticket), the group's signature shown as it will be appended, and the state to move to.
 * The server sanitises the HTML and derives the plain text for the email's text part.
 */
import type { TicketDetail, TicketTemplates } from "@yhteys/contracts";
import { RichHtml } from "@yhteys/web";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ActionSection, type Done, FormFooter, useAction } from "./ActionForm.tsx";
import * as api from "./api.ts";
import { useI18n } from "./i18n.ts";
import { useTypingReporter } from "./Presence.tsx";
import { RichEditor, type RichEditorHandle } from "./RichEditor.tsx";

export function ReplyForm({ ticket, done }: { ticket: TicketDetail; done: Done }) {
  const { t } = useI18n();
  const typed = useTypingReporter(ticket.id);
  const ids = { title: useId(), body: useId(), label: useId(), error: useId(), hint: useId(), template: useId(), signature: useId() };
  const editor = useRef<RichEditorHandle>(null);
  const [draft, setDraft] = useState({ html: "", text: "" });
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
    if (!draft.text.trim()) return setError({ text: t("error.validation"), fields: [] });
    void run(async () => {
      const next = await api.actions.reply(ticket.id, { html: draft.html, ...(then ? { state: then } : {}) });
      editor.current?.clear();
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
                if (chosen) editor.current?.insert(chosen.html);
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
          <span className="label" id={ids.label}>
            {t("reply.body")}
          </span>
          {noEmail && (
            <p className="hint" id={ids.hint}>
              {t("reply.noEmail")}
            </p>
          )}
          <RichEditor
            id={ids.body}
            labelId={ids.label}
            describedBy={[noEmail ? ids.hint : "", templates?.signatureHtml ? ids.signature : ""].filter(Boolean).join(" ") || undefined}
            invalid={Boolean(error)}
            handle={editor}
            onChange={(html, text) => setDraft({ html, text })}
            onTyping={typed}
          />
          {templates?.signatureHtml && (
            <div className="hint" id={ids.signature}>
              <p>{t("templates.signature")}</p>
              <RichHtml className="rich-text signature-preview" html={templates.signatureHtml} />
            </div>
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
