/**
 * A group's signature in one language: choose the group (those the admin may manage) and the
 * language, write it as rich text with a preview, save; saving an empty one removes it.
 */
import type { Language } from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { useI18n } from "../i18n.ts";
import { ErrorSummary, useSubmit } from "./AdminForm.tsx";
import { GroupLanguageFields, TemplateBodyField, useManagedGroups } from "./TemplateFields.tsx";
import { TemplatePreview } from "./TemplatePreview.tsx";
import * as templatesApi from "./templatesApi.ts";
import { useAdminList } from "./useAdminList.tsx";

export function SignaturesForm() {
  const { t } = useI18n();
  const { announce } = useConsole();
  const groups = useManagedGroups();
  const ids = { title: useId(), body: useId() };
  const list = useAdminList(templatesApi.signatures, { loading: false });
  const signatures = list.data?.items ?? null;
  const [groupId, setGroupId] = useState("");
  const [language, setLanguage] = useState<Language>("fi");
  const [body, setBody] = useState({ html: "", text: "" });
  const { busy, error, run } = useSubmit();
  const chosen = groupId || groups[0]?.id || "";
  if (groups.length === 0) return null;
  const current = signatures?.find((s) => s.groupId === chosen && s.language === language);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const html = body.text.trim() ? body.html : "";
    void run(async () => {
      const saved = await templatesApi.setSignature(chosen, language, html);
      list.setData(saved);
      announce(html ? t("templatesAdmin.signatureSaved") : t("templatesAdmin.signatureRemoved"));
    });
  };

  return (
    <section className="panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t("templatesAdmin.signatures")}</h2>
      <p className="muted">{t("templatesAdmin.signaturesIntro")}</p>
      {list.status}
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} fields={{ html: { id: ids.body, label: t("templatesAdmin.signature") } }} />
        <GroupLanguageFields groupId={chosen} onGroupId={setGroupId} language={language} onLanguage={setLanguage} />
        {signatures !== null && (
          <TemplateBodyField
            // A fresh editor for each group and language, with that signature in it.
            key={`${chosen}-${language}`}
            id={ids.body}
            label={t("templatesAdmin.signature")}
            invalid={Boolean(error)}
            initialHtml={current?.html ?? ""}
            onChange={(html, text) => setBody({ html, text })}
          />
        )}
        {body.text.trim() && <TemplatePreview html={body.html} groupId={chosen} language={language} />}
        <button type="submit" className="button primary" disabled={busy || signatures === null}>
          {busy ? t("common.saving") : t("templatesAdmin.saveSignature")}
        </button>
      </form>
    </section>
  );
}
