import type { Language } from "@yhteys/contracts";
import { languages } from "@yhteys/contracts/constants";
import { languageNames } from "@yhteys/web";
import { useId } from "react";
import { useI18n } from "./i18n.ts";

/** A labelled select of the UI languages, each named in itself. */
export function LanguageSwitcher() {
  const { t, language, setLanguage } = useI18n();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t("header.language")}</label>
      <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
