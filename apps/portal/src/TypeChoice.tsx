/**
 * The kind of contact, preset from the category but the resident's to change: the types the
 * organisation offers, in its order, with its own names and descriptions where it gave them.
 */
import type { PublicOrganisation } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { describedBy, ErrorMessage, errorId, Hint, hintId } from "./Field.tsx";
import { useI18n } from "./i18n.ts";

export function TypeChoice({
  types,
  value,
  presetFromCategory,
  onChange,
  error,
}: {
  types: PublicOrganisation["types"];
  /** The chosen type's key. */
  value: string | undefined;
  presetFromCategory: boolean;
  onChange: (key: string) => void;
  error: string | undefined;
}) {
  const { t, language } = useI18n();
  return (
    <fieldset
      id="type"
      className={`field${error ? " field-invalid" : ""}`}
      aria-describedby={describedBy(presetFromCategory && hintId("type"), error && errorId("type"))}
    >
      <legend className="legend-large">{t("type.legend")}</legend>
      {presetFromCategory && <Hint id={hintId("type")}>{t("type.hint")}</Hint>}
      <ErrorMessage id={errorId("type")} message={error} />
      <div className="choices choices-columns">
        {types.map(({ key, type, name, description }) => (
          <div className="choice" key={key}>
            <input
              type="radio"
              id={`type-${key}`}
              name="type"
              value={key}
              checked={value === key}
              aria-describedby={`type-${key}-hint`}
              onChange={() => onChange(key)}
            />
            <label htmlFor={`type-${key}`}>{name ? localize(name, language) : t(`type.${type}`)}</label>
            <span id={`type-${key}-hint`} className="choice-hint">
              {description ? localize(description, language) : key === type ? t(`type.${type}.hint`) : ""}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
