/** Finnish, Swedish and English, each named in itself; the choice is remembered by the i18n layer. */
import type { Language } from "@yhteys/contracts";
import { languageNames } from "@yhteys/web";
import { useI18n } from "./i18n.ts";

export function LanguageSwitcher({ languages }: { languages: readonly Language[] }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <nav className="language-switcher" aria-label={t("app.languageNav")}>
      <ul>
        {languages.map((l) => (
          <li key={l}>
            <button type="button" lang={l} aria-pressed={l === language} onClick={() => setLanguage(l)}>
              {languageNames[l]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
