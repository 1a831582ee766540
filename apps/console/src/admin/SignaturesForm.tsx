/**
 * A group's signature in one language: choose the group (those the admin may manage) and the
 * language, write it as rich text with a preview, save; saving an empty one removes it.
 */
import type { GroupSignatureList, Language } from "@yhteys/contracts";
import { languages } from "@yhteys/contracts/constants";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useConsole } from "../Console.tsx";
import { errorText, languageName, name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { RichEditor } from "../RichEditor.tsx";
import { ErrorSummary, useSubmit } from "./AdminForm.tsx";
import { placeholderList, TemplatePreview, useManagedGroups } from "./TemplatePreview.tsx";
import * as templatesApi from "./templatesApi.ts";

export function SignaturesForm() {
  const { t, language: uiLanguage } = useI18n();
  const { announce } = useConsole();
  const groups = useManagedGroups();
  const ids = { title: useId(), group: useId(), language: useId(), body: useId(), label: useId(), hint: useId() };
  const [signatures, setSignatures] = useState<GroupSignatureList["items"] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [groupId, setGroupId] = useState("");
  const [language, setLanguage] = useState<Language>("fi");
  const [body, setBody] = useState({ html: "", text: "" });
  const { busy, error, run } = useSubmit();
  const chosen = groupId || groups[0]?.id || "";
  useEffect(() => {
    templatesApi
      .signatures()
      .then((x) => setSignatures(x.items))
      .catch((e) => setLoadError(errorText(t, e)));
  }, [t]);
  if (groups.length === 0) return null;
  const current = signatures?.find((s) => s.groupId === chosen && s.language === language);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const html = body.text.trim() ? body.html : "";
    void run(async () => {
      const saved = await templatesApi.setSignature(chosen, language, html);
      setSignatures(saved.items);
      announce(html ? t("templatesAdmin.signatureSaved") : t("templatesAdmin.signatureRemoved"));
    });
  };

  return (
    <section className="panel" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t("templatesAdmin.signatures")}</h2>
      <p className="muted">{t("templatesAdmin.signaturesIntro")}</p>
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} fields={{ html: { id: ids.body, label: t("templatesAdmin.signature") } }} />
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.group}>{t("templatesAdmin.group")}</label>
            <select id={ids.group} value={chosen} onChange={(e) => setGroupId(e.target.value)}>
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
        {signatures !== null && (
          <div className="field">
            <span className="label" id={ids.label}>
              {t("templatesAdmin.signature")}
            </span>
            <p className="hint" id={ids.hint}>
              {t("templatesAdmin.placeholders", { list: placeholderList() })}
            </p>
            <RichEditor
              // A fresh editor for each group and language, with that signature in it.
              key={`${chosen}-${language}`}
              id={ids.body}
              labelId={ids.label}
              describedBy={ids.hint}
              invalid={Boolean(error)}
              initialHtml={current?.html ?? ""}
              onChange={(html, text) => setBody({ html, text })}
            />
          </div>
        )}
        {body.text.trim() && <TemplatePreview html={body.html} groupId={chosen} language={language} />}
        <button type="submit" className="button primary" disabled={busy || signatures === null}>
          {busy ? t("common.saving") : t("templatesAdmin.saveSignature")}
        </button>
      </form>
    </section>
  );
}
