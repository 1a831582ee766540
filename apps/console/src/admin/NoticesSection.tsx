/** Notices (disruptions and news) on the content page: the list, and the form to create or change one. */
import type { AdminNotice, AreaList, Category, NoticeKind } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, ErrorSummary, fromDraft, SelectField, TextField, toDraft, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { EntriesSection, EntryFormButtons } from "./ContentEntries.tsx";
import { LocalizedInputs, OwnerField, useOwners } from "./ContentFields.tsx";

/** `datetime-local` works in local time without a zone. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

export function NoticesSection({ notices, areas, onChanged }: { notices: AdminNotice[]; areas: AreaList["items"]; onChanged: () => void }) {
  const { t, language, formatDateTime } = useI18n();
  const { directory } = useConsole();
  const categories = directory?.categories ?? [];
  const targeting = (n: AdminNotice) => {
    const names = [
      ...n.categoryIds.map((id) => categories.find((c) => c.id === id)).flatMap((c) => (c ? [localize(c.name, language)] : [])),
      ...n.areaIds.map((id) => areas.find((a) => a.id === id)).flatMap((a) => (a ? [localize(a.name, language)] : [])),
    ];
    return names.length ? names.join(", ") : t("content.everyone");
  };
  return (
    <EntriesSection
      id="content-notices-heading"
      title={t("content.notices")}
      empty={t("content.noNotices")}
      columns={[t("content.noticeTitle"), t("content.kind"), t("content.validity"), t("content.targeting")]}
      items={notices}
      name={(n) => localize(n.title, language)}
      cells={(n) => (
        <>
          <td>{t(`content.kind.${n.kind}`)}</td>
          <td>
            {formatDateTime(n.validFrom)}
            {n.validUntil ? ` – ${formatDateTime(n.validUntil)}` : ""}
            <span className="muted small"> ({n.current ? t("content.current") : t("content.notCurrent")})</span>
          </td>
          <td>{targeting(n)}</td>
        </>
      )}
      form={(n, done, cancel) => <NoticeForm notice={n} categories={categories} areas={areas} onDone={done} onCancel={cancel} />}
      newLabel={t("content.newNotice")}
      remove={(n) => adminApi.deleteNotice(n.id)}
      onChanged={onChanged}
    />
  );
}

function NoticeForm(props: {
  notice: AdminNotice | null;
  categories: Category[];
  areas: AreaList["items"];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const owners = useOwners();
  const n = props.notice;
  const [kind, setKind] = useState<NoticeKind>(n?.kind ?? "disruption");
  const [title, setTitle] = useState(toDraft(n?.title));
  const [body, setBody] = useState(toDraft(n?.body));
  const [validFrom, setValidFrom] = useState(toLocalInput(n?.validFrom ?? new Date().toISOString()));
  const [validUntil, setValidUntil] = useState(toLocalInput(n?.validUntil ?? null));
  const [categoryIds, setCategoryIds] = useState(n?.categoryIds ?? []);
  const [areaIds, setAreaIds] = useState(n?.areaIds ?? []);
  const [groupId, setGroupId] = useState(n ? (n.groupId ?? "") : owners.initial);
  const { busy, error, run } = useSubmit();
  const fields = {
    "body.title.fi": { id: `${prefix}title-fi`, label: t("content.title.fi") },
    "body.body.fi": { id: `${prefix}body-fi`, label: t("content.body.fi") },
    "body.validFrom": { id: `${prefix}from`, label: t("content.validFrom") },
    "body.validUntil": { id: `${prefix}until`, label: t("content.validUntil") },
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!title.fi.trim()) missing["body.title.fi"] = t("admin.required");
    if (!body.fi.trim()) missing["body.body.fi"] = t("admin.required");
    if (!validFrom) missing["body.validFrom"] = t("admin.required");
    void run(async () => {
      const input = {
        kind,
        title: fromDraft(title),
        body: fromDraft(body),
        validFrom: fromLocalInput(validFrom) ?? new Date().toISOString(),
        validUntil: fromLocalInput(validUntil),
        categoryIds,
        areaIds,
        groupId: groupId || null,
      };
      if (n) await adminApi.updateNotice(n.id, input);
      else await adminApi.createNotice(input);
      announce(t("admin.saved"));
      props.onDone();
    }, missing);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}heading`} className="panel">
      <h3 id={`${prefix}heading`}>{n ? t("content.editNotice") : t("content.newNotice")}</h3>
      <ErrorSummary error={error} fields={fields} />
      <SelectField
        id={`${prefix}kind`}
        label={t("content.kind")}
        value={kind}
        values={["disruption", "news"] as const}
        optionLabel={(k) => t(`content.kind.${k}`)}
        onChange={setKind}
      />
      <LocalizedInputs id={`${prefix}title`} labels="title" value={title} onChange={setTitle} error={error?.fields["body.title.fi"]} />
      <LocalizedInputs id={`${prefix}body`} labels="body" value={body} onChange={setBody} multiline error={error?.fields["body.body.fi"]} />
      <div className="field-row">
        <TextField
          {...fields["body.validFrom"]}
          type="datetime-local"
          value={validFrom}
          onChange={setValidFrom}
          required
          error={error?.fields["body.validFrom"]}
        />
        <TextField
          {...fields["body.validUntil"]}
          type="datetime-local"
          value={validUntil}
          onChange={setValidUntil}
          hint={t("content.validUntilHint")}
          error={error?.fields["body.validUntil"]}
        />
      </div>
      <CheckboxGroup
        id={`${prefix}categories`}
        legend={t("content.categories")}
        options={props.categories.map((c) => ({
          value: c.id,
          label: c.parentId ? `– ${localize(c.name, language)}` : localize(c.name, language),
        }))}
        selected={categoryIds}
        onChange={setCategoryIds}
      />
      <CheckboxGroup
        id={`${prefix}areas`}
        legend={t("content.areas")}
        options={props.areas.map((a) => ({ value: a.id, label: localize(a.name, language) }))}
        selected={areaIds}
        onChange={setAreaIds}
      />
      <OwnerField id={`${prefix}group`} value={groupId} onChange={setGroupId} />
      <EntryFormButtons busy={busy} label={n ? t("content.save") : t("content.create")} onCancel={props.onCancel} />
    </form>
  );
}
