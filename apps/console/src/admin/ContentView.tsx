/**
 * Notices, FAQ entries and (for technical admins) the sites allowed to embed the form. Content
 * admins create and change the entries of their own groups; technical admins all of them.
 */
import type { AdminFaqEntry, AdminNotice, AreaList, Category, LocalizedText, NoticeKind } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { type FormEvent, Fragment, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";

const langs = ["fi", "sv", "en"] as const;
type Texts = Record<(typeof langs)[number], string>;
const toTexts = (t: LocalizedText | null | undefined): Texts => ({ fi: t?.fi ?? "", sv: t?.sv ?? "", en: t?.en ?? "" });
const fromTexts = (d: Texts) => ({
  fi: d.fi.trim(),
  ...(d.sv.trim() ? { sv: d.sv.trim() } : {}),
  ...(d.en.trim() ? { en: d.en.trim() } : {}),
});
/** `datetime-local` works in local time without a zone. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  error?: string | undefined;
}) {
  const hintId = `${props.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      <textarea
        id={props.id}
        rows={5}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[props.hint ? hintId : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(" ") || undefined}
      />
    </div>
  );
}

/** One text in Finnish (required), Swedish and English: single lines or, for longer texts, text areas. */
function LocalizedInputs(props: {
  id: string;
  labels: "title" | "body" | "question" | "answer";
  value: Texts;
  onChange: (value: Texts) => void;
  multiline?: boolean;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {langs.map((l) => {
        const common = {
          id: `${props.id}-${l}`,
          label: t(`content.${props.labels}.${l}`),
          value: props.value[l],
          onChange: (v: string) => props.onChange({ ...props.value, [l]: v }),
          error: l === "fi" ? props.error : undefined,
        };
        return props.multiline ? (
          <TextArea key={l} {...common} {...(l === "fi" ? { hint: t("content.bodyHint") } : {})} />
        ) : (
          <TextField key={l} {...common} required={l === "fi"} />
        );
      })}
    </>
  );
}

/** The owner choices: the organisation (technical admins) and the groups the user may manage. */
function useOwners() {
  const { session, directory } = useConsole();
  const { language } = useI18n();
  const technical = session.user.role === "technical_admin";
  const groups = (directory?.groups ?? []).filter((g) => technical || session.user.groupIds.includes(g.id));
  return { technical, groups: groups.map((g) => ({ id: g.id, name: localize(g.name, language) })) };
}

function OwnerField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const owners = useOwners();
  const values = [...(owners.technical ? [""] : []), ...owners.groups.map((g) => g.id)];
  return (
    <SelectField
      id={id}
      label={t("content.group")}
      value={value}
      values={values}
      optionLabel={(v) => (v ? (owners.groups.find((g) => g.id === v)?.name ?? v) : t("content.organisation"))}
      onChange={onChange}
    />
  );
}

export function ContentView() {
  const { t } = useI18n();
  const { session } = useConsole();
  const heading = useRef<HTMLHeadingElement>(null);
  const [notices, setNotices] = useState<AdminNotice[] | null>(null);
  const [faq, setFaq] = useState<AdminFaqEntry[] | null>(null);
  const [areas, setAreas] = useState<AreaList["items"]>([]);
  const [error, setError] = useState<string | null>(null);
  useFocusOnNavigation(heading, notices !== null);
  useEffect(() => {
    document.title = `${t("content.title")} – ${t("app.name")}`;
  }, [t]);
  const load = useCallback(() => {
    Promise.all([adminApi.notices(), adminApi.faq(), adminApi.noticeAreas()])
      .then(([n, f, a]) => {
        setNotices(n.items);
        setFaq(f.items);
        setAreas(a.items);
      })
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <section className="admin-view" aria-labelledby="admin-content-heading">
      <h1 id="admin-content-heading" ref={heading} tabIndex={-1}>
        {t("content.title")}
      </h1>
      <p className="muted">{t("content.intro")}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notices && <NoticesSection notices={notices} areas={areas} onChanged={load} />}
      {faq && <FaqSection entries={faq} onChanged={load} />}
      {session.user.role === "technical_admin" && <EmbedSection organisation={session.user.organisation.slug} />}
    </section>
  );
}

/** A list of entries (notices or FAQ) as a table, with edit and delete for those the user may change, and the form. */
function EntriesSection<T extends { id: string; mayEdit: boolean }>(props: {
  id: string;
  title: string;
  empty: string;
  columns: string[];
  items: T[];
  name: (item: T) => string;
  cells: (item: T) => ReactNode;
  form: (item: T | null, done: () => void, cancel: () => void) => ReactNode;
  newLabel: string;
  remove: (item: T) => Promise<unknown>;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const [editing, setEditing] = useState<T | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = (item: T) => {
    if (!window.confirm(t("content.confirmDelete", { title: props.name(item) }))) return;
    setError(null);
    props
      .remove(item)
      .then(() => {
        announce(t("content.deleted"));
        props.onChanged();
      })
      .catch((e) => setError(errorText(t, e)));
  };
  return (
    <section className="panel" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <table className="tickets">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              {[...props.columns, t("content.actions")].map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr key={item.id}>
                <th scope="row">{props.name(item)}</th>
                {props.cells(item)}
                <td className="button-row">
                  {item.mayEdit && (
                    <>
                      <button type="button" className="button secondary" onClick={() => setEditing(item)}>
                        {t("content.edit")}
                      </button>
                      <button type="button" className="button secondary" onClick={() => remove(item)}>
                        {t("content.delete")}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <Fragment key={editing === "new" ? "new" : editing.id}>
          {props.form(
            editing === "new" ? null : editing,
            () => {
              setEditing(null);
              props.onChanged();
            },
            () => setEditing(null),
          )}
        </Fragment>
      ) : (
        <button type="button" className="button primary" onClick={() => setEditing("new")}>
          {props.newLabel}
        </button>
      )}
    </section>
  );
}

function NoticesSection({ notices, areas, onChanged }: { notices: AdminNotice[]; areas: AreaList["items"]; onChanged: () => void }) {
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

function FaqSection({ entries, onChanged }: { entries: AdminFaqEntry[]; onChanged: () => void }) {
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
  const [title, setTitle] = useState(toTexts(n?.title));
  const [body, setBody] = useState(toTexts(n?.body));
  const [validFrom, setValidFrom] = useState(toLocalInput(n?.validFrom ?? new Date().toISOString()));
  const [validUntil, setValidUntil] = useState(toLocalInput(n?.validUntil ?? null));
  const [categoryIds, setCategoryIds] = useState(n?.categoryIds ?? []);
  const [areaIds, setAreaIds] = useState(n?.areaIds ?? []);
  const [groupId, setGroupId] = useState(n ? (n.groupId ?? "") : owners.technical ? "" : (owners.groups[0]?.id ?? ""));
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
        title: fromTexts(title),
        body: fromTexts(body),
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
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : n ? t("content.save") : t("content.create")}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t("content.cancel")}
        </button>
      </div>
    </form>
  );
}

function FaqForm(props: { entry: AdminFaqEntry | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const owners = useOwners();
  const f = props.entry;
  const [question, setQuestion] = useState(toTexts(f?.question));
  const [answer, setAnswer] = useState(toTexts(f?.answer));
  const [position, setPosition] = useState(String(f?.position ?? 100));
  const [published, setPublished] = useState(f?.published ?? true);
  const [groupId, setGroupId] = useState(f ? (f.groupId ?? "") : owners.technical ? "" : (owners.groups[0]?.id ?? ""));
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
        question: fromTexts(question),
        answer: fromTexts(answer),
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
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : t("content.save")}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t("content.cancel")}
        </button>
      </div>
    </form>
  );
}

function EmbedSection({ organisation }: { organisation: string }) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [origins, setOrigins] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    adminApi
      .embedSettings()
      .then((s) => setOrigins(s.allowedOrigins.join("\n")))
      .catch(() => setOrigins(""));
  }, []);
  const fields = { "body.allowedOrigins": { id: `${prefix}origins`, label: t("embed.origins") } };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const list = (origins ?? "")
        .split(/\s+/)
        .map((o) => o.trim())
        .filter(Boolean);
      const saved = await adminApi.setEmbedSettings({ allowedOrigins: list });
      setOrigins(saved.allowedOrigins.join("\n"));
      announce(t("embed.saved"));
    });
  };
  const fieldError = (error && Object.entries(error.fields).find(([k]) => k.startsWith("body.allowedOrigins"))?.[1]) || undefined;
  const snippet = `<a href="${window.location.origin}/${organisation}/" data-yhteys-fallback>${t("content.title")}</a>
<script src="${window.location.origin}/embed.js" data-org="${organisation}" data-lang="fi" async></script>`;
  return (
    <section className="panel" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{t("embed.title")}</h2>
      <p className="muted">{t("embed.intro")}</p>
      <ErrorSummary error={error} fields={fields} />
      {origins !== null && (
        <form onSubmit={submit} noValidate>
          <TextArea
            id={`${prefix}origins`}
            label={t("embed.origins")}
            hint={t("embed.originsHint")}
            value={origins}
            onChange={setOrigins}
            error={fieldError}
          />
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t("content.save")}
          </button>
        </form>
      )}
      <h3>{t("embed.snippet")}</h3>
      <pre className="hash">
        <code>{snippet}</code>
      </pre>
    </section>
  );
}
