/**
 * The plain-language privacy notice of the contact form, and the resident's consent to publishing
 * on the feedback map: an unticked box, because consent must be the resident's own act.
 */
import { hintId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";

const points = ["what", "why", "who", "howLong"] as const;

export function PrivacyNotice({ consent, onConsent }: { consent: boolean; onConsent: (consent: boolean) => void }) {
  const { t } = useI18n();
  return (
    <section className="privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t("privacy.title")}</h2>
      <ul className="privacy-points">
        {points.map((point) => (
          <li key={point}>
            <strong>{t(`privacy.${point}.label`)}</strong> {t(`privacy.${point}`)}
          </li>
        ))}
      </ul>
      <div className="field">
        <div className="choice">
          <input
            type="checkbox"
            id="publish-consent"
            name="publishConsent"
            checked={consent}
            aria-describedby={hintId("publish-consent")}
            onChange={(event) => onConsent(event.target.checked)}
          />
          <label htmlFor="publish-consent">{t("consent.label")}</label>
          <span id={hintId("publish-consent")} className="choice-hint">
            {t("consent.hint")}
          </span>
        </div>
      </div>
    </section>
  );
}
