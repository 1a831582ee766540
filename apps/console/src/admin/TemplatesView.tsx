/**
 * Reply templates and group signatures: the templates the admin may manage (technical admins all,
 * content admins their own groups'), a rich-text form to create or edit one with a preview filled
 * with example details, and the groups' signatures per language (SignaturesForm.tsx).
 */
import type { Language, ReplyTemplate } from "@yhteys/contracts";
import { languages } from "@yhteys/contracts/constants";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useFocusOnNavigation } from "../focus.ts";
import { errorText, languageName, name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { RichEditor } from "../RichEditor.tsx";
import { ErrorSummary, TextField, useSubmit } from "./AdminForm.tsx";
import { SignaturesForm } from "./SignaturesForm.tsx";
import { placeholderList, TemplatePreview, useManagedGroups } from "./TemplatePreview.tsx";
import * as templatesApi from "./templatesApi.ts";

export function TemplatesView() {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [items, setItems] = useState<ReplyTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ReplyTemplate | null>(null);
  useFocusOnNavigation(heading, items !== null);
  useEffect(() => {
    document.title = `${t("templatesAdmin.title")} – ${t("app.name")}`;
  }, [t]);
  const load = useCallback(() => {
    templatesApi
      .templates()
      .then((x) => setItems(x.items))
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

  return (
    <section className="admin-view" aria-labelledby="admin-templates-heading">
      <h1 id="admin-templates-heading" ref={heading} tabIndex={-1}>
        {t("templatesAdmin.title")}
      </h1>
      <p className="muted">{t("templatesAdmin.intro")}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items === null ? (
        <p className="muted">{t("app.loading")}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t("templatesAdmin.none")}</p>
      ) : (
        <TemplateTable items={items} onEdit={setEditing} onChanged={load} />
      )}
      <TemplateForm
        key={editing?.id ?? "new"}
        template={editing}
        onDone={() => {
          setEditing(null);
          load();
        }}
      />
      <SignaturesForm />
    </section>
  );
}

function TemplateTable({
  items,
  onEdit,
  onChanged,
}: {
  items: ReplyTemplate[];
  onEdit: (x: ReplyTemplate) => void;
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const { announce, directory } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const groupName = (groupId: string | null) => {
    const group = directory?.groups.find((g) => g.id === groupId);
    return group ? name(group.name, language) : t("templatesAdmin.orgWide");
  };
  const remove = (x: ReplyTemplate) => {
    if (!window.confirm(t("templatesAdmin.confirmDelete", { name: x.name }))) return;
    setError(null);
    templatesApi
      .deleteTemplate(x.id)
      .then(() => {
        announce(t("templatesAdmin.deleted", { name: x.name }));
        onChanged();
      })
      .catch((e) => setError(errorText(t, e)));
  };
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="tickets">
        <caption className="visually-hidden">{t("templatesAdmin.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("templatesAdmin.name")}</th>
            <th scope="col">{t("templatesAdmin.group")}</th>
            <th scope="col">{t("templatesAdmin.language")}</th>
            <th scope="col">{t("templatesAdmin.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={x.id}>
              <th scope="row">{x.name}</th>
              <td>{groupName(x.groupId)}</td>
              <td>{languageName(t, x.language)}</td>
              <td className="button-row">
                <button type="button" className="button secondary" onClick={() => onEdit(x)}>
                  {t("templatesAdmin.edit", { name: x.name })}
                </button>
                <button type="button" className="button secondary" onClick={() => remove(x)}>
                  {t("templatesAdmin.delete", { name: x.name })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TemplateForm({ template, onDone }: { template: ReplyTemplate | null; onDone: () => void }) {
  const { t, language: uiLanguage } = useI18n();
  const { announce, session } = useConsole();
  const groups = useManagedGroups();
  const technical = session.user.role === "technical_admin";
  const ids = { title: useId(), name: useId(), group: useId(), language: useId(), body: useId(), label: useId(), hint: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [templateName, setTemplateName] = useState(template?.name ?? "");
  const [groupId, setGroupId] = useState<string>(template?.groupId ?? (technical ? "" : (groups[0]?.id ?? "")));
  const [language, setLanguage] = useState<Language>(template?.language ?? "fi");
  const [body, setBody] = useState({ html: template?.html ?? "", text: template?.body ?? "" });
  const { busy, error, run } = useSubmit();
  useEffect(() => {
    if (template) headingRef.current?.focus();
  }, [template]);
  if (!technical && groups.length === 0) return <p className="muted">{t("templatesAdmin.noGroups")}</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fieldErrors: Record<string, string> = {};
    if (!templateName.trim()) fieldErrors.name = t("templatesAdmin.nameMissing");
    if (!body.text.trim()) fieldErrors.html = t("templatesAdmin.bodyMissing");
    const input = { groupId: groupId || null, language, name: templateName.trim(), html: body.html };
    void run(async () => {
      const saved = template ? await templatesApi.updateTemplate(template.id, input) : await templatesApi.createTemplate(input);
      announce(t(template ? "templatesAdmin.saved" : "templatesAdmin.created", { name: saved.name }));
      onDone();
    }, fieldErrors);
  };

  return (
    <section className="panel" aria-labelledby={ids.title}>
      <h2 id={ids.title} ref={headingRef} tabIndex={-1}>
        {template ? t("templatesAdmin.editing", { name: template.name }) : t("templatesAdmin.new")}
      </h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          error={error}
          fields={{ name: { id: ids.name, label: t("templatesAdmin.name") }, html: { id: ids.body, label: t("templatesAdmin.body") } }}
        />
        <TextField
          id={ids.name}
          label={t("templatesAdmin.name")}
          value={templateName}
          onChange={setTemplateName}
          error={error?.fields.name}
          required
        />
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.group}>{t("templatesAdmin.group")}</label>
            <select id={ids.group} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
              {technical && <option value="">{t("templatesAdmin.orgWide")}</option>}
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {name(g.name, uiLanguage)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.language}>{t("templatesAdmin.language")}</label>
            <select id={ids.language} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(t, l)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <span className="label" id={ids.label}>
            {t("templatesAdmin.body")}
          </span>
          <p className="hint" id={ids.hint}>
            {t("templatesAdmin.placeholders", { list: placeholderList() })}
          </p>
          {error?.fields.html && <p className="field-error">{error.fields.html}</p>}
          <RichEditor
            id={ids.body}
            labelId={ids.label}
            describedBy={ids.hint}
            invalid={Boolean(error?.fields.html)}
            initialHtml={template?.html ?? ""}
            onChange={(html, text) => setBody({ html, text })}
          />
        </div>
        {body.text.trim() && <TemplatePreview html={body.html} groupId={groupId || null} language={language} />}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : template ? t("templatesAdmin.save") : t("templatesAdmin.create")}
          </button>
          {template && (
            <button type="button" className="button secondary" onClick={onDone}>
              {t("templatesAdmin.cancel")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
