/** "I want a reply" and, when chosen, the resident's contact details. */
import type { FormValues } from "./draft.ts";
import { describedBy, ErrorMessage, errorId, Hint, hintId, Required } from "./Field.tsx";
import { useI18n } from "./i18n.ts";

type Props = { values: FormValues; onChange: (patch: Partial<FormValues>) => void; errors: Record<string, string> };

export function ReplyFields({ values, onChange, errors }: Props) {
  const { t } = useI18n();
  const input = (key: "name" | "email" | "phone", type: string, autoComplete: string) => (
    <div className={`field${errors[key] ? " field-invalid" : ""}`}>
      <label htmlFor={key}>{t(`contact.${key}`)}</label>
      <ErrorMessage id={errorId(key)} message={errors[key]} />
      <input
        id={key}
        name={key}
        type={type}
        className="input"
        autoComplete={autoComplete}
        spellCheck={false}
        value={values[key]}
        aria-invalid={errors[key] || (key !== "name" && errors.contact) ? true : undefined}
        aria-describedby={describedBy(errors[key] && errorId(key), key !== "name" && errors.contact && errorId("contact"))}
        onChange={(event) => onChange({ [key]: event.target.value })}
      />
    </div>
  );
  return (
    <div className="reply">
      <div className="field">
        <div className="choice choice-large">
          <input
            type="checkbox"
            id="wants-reply"
            name="wantsReply"
            checked={values.wantsReply}
            aria-describedby={hintId("wants-reply")}
            onChange={(event) => onChange({ wantsReply: event.target.checked })}
          />
          <label htmlFor="wants-reply">{t("reply.label")}</label>
          <span id={hintId("wants-reply")} className="choice-hint">
            {t("reply.hint")}
          </span>
        </div>
      </div>
      {values.wantsReply && (
        <fieldset
          id="contact"
          className={`field contact-details${errors.contact ? " field-invalid" : ""}`}
          aria-describedby={hintId("contact")}
        >
          <legend className="legend-large">
            {t("contact.legend")}
            <Required />
          </legend>
          <Hint id={hintId("contact")}>{t("contact.hint")}</Hint>
          <ErrorMessage id={errorId("contact")} message={errors.contact} />
          {input("name", "text", "name")}
          {input("email", "email", "email")}
          {input("phone", "tel", "tel")}
        </fieldset>
      )}
    </div>
  );
}
