/** Fields of the templates admin page that templates and signatures share: the group and language, and the rich-text body. */
import { type Language, templatePlaceholders } from "@yhteys/contracts";
import { languages } from "@yhteys/contracts/constants";
import { useId } from "react";
import { useConsole } from "../Console.tsx";
import { languageName, name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { RichEditor } from "../RichEditor.tsx";

/** The groups whose templates and signatures the signed-in admin may manage. */
export function useManagedGroups() {
  const { session, directory } = useConsole();
  const all = directory?.groups ?? [];
  return session.user.role === "technical_admin" ? all : all.filter((g) => session.user.groupIds.includes(g.id));
}

/** The group (of those the admin may manage) and the language, side by side. */
export function GroupLanguageFields(props: {
  groupId: string;
  onGroupId: (groupId: string) => void;
  language: Language;
  onLanguage: (language: Language) => void;
  /** Offers the whole organisation (no group, the value "") first. */
  orgWide?: boolean;
}) {
  const { t, language: uiLanguage } = useI18n();
  const groups = useManagedGroups();
  const ids = { group: useId(), language: useId() };
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={ids.group}>{t("templatesAdmin.group")}</label>
        <select id={ids.group} value={props.groupId} onChange={(e) => props.onGroupId(e.target.value)}>
          {props.orgWide && <option value="">{t("templatesAdmin.orgWide")}</option>}
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {name(g.name, uiLanguage)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.language}>{t("templatesAdmin.language")}</label>
        <select id={ids.language} value={props.language} onChange={(e) => props.onLanguage(e.target.value as Language)}>
          {languages.map((l) => (
            <option key={l} value={l}>
              {languageName(t, l)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** The rich-text body with the placeholders as its hint; `id` is the editor's, for the error summary's link. */
export function TemplateBodyField(props: {
  id: string;
  label: string;
  /** The field's error message, shown above the editor. */
  error?: string | undefined;
  /** Whether the editor is marked invalid; by default when there is an error message. */
  invalid?: boolean;
  initialHtml: string;
  onChange: (html: string, text: string) => void;
}) {
  const { t } = useI18n();
  const ids = { label: useId(), hint: useId() };
  return (
    <div className="field">
      <span className="label" id={ids.label}>
        {props.label}
      </span>
      <p className="hint" id={ids.hint}>
        {t("templatesAdmin.placeholders", { list: templatePlaceholders.map((p) => `{{${p}}}`).join(", ") })}
      </p>
      {props.error && <p className="field-error">{props.error}</p>}
      <RichEditor
        id={props.id}
        labelId={ids.label}
        describedBy={ids.hint}
        invalid={props.invalid ?? Boolean(props.error)}
        initialHtml={props.initialHtml}
        onChange={props.onChange}
      />
    </div>
  );
}
