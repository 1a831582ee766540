/** FAQ entries on the content page: the list, and the form to create or change one. */
import type { AdminFaqEntry } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { CheckboxField, ErrorSummary, fromDraft, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { EntriesSection, EntryFormButtons } from "./ContentEntries.tsx";
import { LocalizedInputs, OwnerField, useOwners } from "./ContentFields.tsx";

export function FaqSection({ entries, onChanged }: { entries: AdminFaqEntry[]; onChanged: () => void }) {
  const { t, language } = useI18n();
  return (
    <EntriesSection
      id="content-faq-heading"
      title={t("content.faq")}
      empty={t("content.noFaq")}
      columns={[t("content.question"), t("content.position"), t("content.published")]}
      items={entries}
      name={(f) => localize(f.question, language)}
      cells={(f) => (
        <>
          <td>{f.position}</td>
          <td>{f.published ? t("content.published") : t("content.draft")}</td>
        </>
      )}
      form={(f, done, cancel) => <FaqForm entry={f} onDone={done} onCancel={cancel} />}
      newLabel={t("content.newFaq")}
      remove={(f) => adminApi.deleteFaq(f.id)}
      onChanged={onChanged}
    />
  );
}

function FaqForm(props: { entry: AdminFaqEntry | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const owners = useOwners();
  const f = props.entry;
  const [question, setQuestion] = useState(toDraft(f?.question));
  const [answer, setAnswer] = useState(toDraft(f?.answer));
  const [position, setPosition] = useState(String(f?.position ?? 100));
  const [published, setPublished] = useState(f?.published ?? true);
  const [groupId, setGroupId] = useState(f ? (f.groupId ?? "") : owners.initial);
  const { busy, error, run } = useSubmit();
  const fields = {
    "body.question.fi": { id: `${prefix}q-fi`, label: t("content.question.fi") },
    "body.answer.fi": { id: `${prefix}a-fi`, label: t("content.answer.fi") },
    "body.position": { id: `${prefix}position`, label: t("content.position") },
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!question.fi.trim()) missing["body.question.fi"] = t("admin.required");
    if (!answer.fi.trim()) missing["body.answer.fi"] = t("admin.required");
    if (!/^\d{1,5}$/.test(position)) missing["body.position"] = t("content.positionHint");
    void run(async () => {
      const input = {
        question: fromDraft(question),
        answer: fromDraft(answer),
        position: Number(position),
        published,
        groupId: groupId || null,
      };
      if (f) await adminApi.updateFaq(f.id, input);
      else await adminApi.createFaq(input);
      announce(t("admin.saved"));
      props.onDone();
    }, missing);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}heading`} className="panel">
      <h3 id={`${prefix}heading`}>{f ? t("content.editFaq") : t("content.newFaq")}</h3>
      <ErrorSummary error={error} fields={fields} />
      <LocalizedInputs
        id={`${prefix}q`}
        labels="question"
        value={question}
        onChange={setQuestion}
        error={error?.fields["body.question.fi"]}
      />
      <LocalizedInputs
        id={`${prefix}a`}
        labels="answer"
        value={answer}
        onChange={setAnswer}
        multiline
        error={error?.fields["body.answer.fi"]}
      />
      <TextField
        {...fields["body.position"]}
        type="number"
        value={position}
        onChange={setPosition}
        hint={t("content.positionHint")}
        error={error?.fields["body.position"]}
        required
      />
      <CheckboxField id={`${prefix}published`} label={t("content.published")} checked={published} onChange={setPublished} />
      <OwnerField id={`${prefix}group`} value={groupId} onChange={setGroupId} />
      <EntryFormButtons busy={busy} label={t("content.save")} onCancel={props.onCancel} />
    </form>
  );
}
