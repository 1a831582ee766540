/**
 * Reply templates and group signatures: the templates the admin may manage (technical admins all,
 * content admins their own groups'), a rich-text form to create or edit one with a preview filled
 * with example details, and the groups' signatures per language (SignaturesForm.tsx).
 */
import type { Language, ReplyTemplate } from "@yhteys/contracts";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { languageName, name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, TextField, useSubmit } from "./AdminForm.tsx";
import { AdminTable } from "./AdminTable.tsx";
import { SignaturesForm } from "./SignaturesForm.tsx";
import { GroupLanguageFields, TemplateBodyField, useManagedGroups } from "./TemplateFields.tsx";
import { TemplatePreview } from "./TemplatePreview.tsx";
import * as templatesApi from "./templatesApi.ts";
import { type AdminAct, useAdminList, useAdminPage } from "./useAdminList.tsx";

export function TemplatesView() {
  const { t } = useI18n();
  const list = useAdminList(templatesApi.templates);
  const heading = useAdminPage(t("templatesAdmin.title"), list.data !== null);
  const [editing, setEditing] = useState<ReplyTemplate | null>(null);

  return (
    <section className="admin-view" aria-labelledby="admin-templates-heading">
      <h1 id="admin-templates-heading" ref={heading} tabIndex={-1}>
        {t("templatesAdmin.title")}
      </h1>
      <p className="muted">{t("templatesAdmin.intro")}</p>
      {list.status}
      <TemplateTable items={list.data?.items} onEdit={setEditing} act={list.act} />
      <TemplateForm
        key={editing?.id ?? "new"}
        template={editing}
        onDone={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <SignaturesForm />
    </section>
  );
}

function TemplateTable({ items, onEdit, act }: { items: ReplyTemplate[] | undefined; onEdit: (x: ReplyTemplate) => void; act: AdminAct }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const groupName = (groupId: string | null) => {
    const group = directory?.groups.find((g) => g.id === groupId);
    return group ? name(group.name, language) : t("templatesAdmin.orgWide");
  };
  const remove = (x: ReplyTemplate) =>
    window.confirm(t("templatesAdmin.confirmDelete", { name: x.name })) &&
    void act(() => templatesApi.deleteTemplate(x.id), t("templatesAdmin.deleted", { name: x.name }));
  return (
    <AdminTable
      caption={t("templatesAdmin.caption")}
      headers={[t("templatesAdmin.name"), t("templatesAdmin.group"), t("templatesAdmin.language"), t("templatesAdmin.actions")]}
      items={items}
      empty={t("templatesAdmin.none")}
      row={(x) => (
        <tr>
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
      )}
    />
  );
}

function TemplateForm({ template, onDone }: { template: ReplyTemplate | null; onDone: () => void }) {
  const { t } = useI18n();
  const { announce, session } = useConsole();
  const groups = useManagedGroups();
  const technical = session.user.role === "technical_admin";
  const ids = { title: useId(), name: useId(), body: useId() };
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
        <GroupLanguageFields groupId={groupId} onGroupId={setGroupId} language={language} onLanguage={setLanguage} orgWide={technical} />
        <TemplateBodyField
          id={ids.body}
          label={t("templatesAdmin.body")}
          error={error?.fields.html}
          initialHtml={template?.html ?? ""}
          onChange={(html, text) => setBody({ html, text })}
        />
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
