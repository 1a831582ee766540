/**
 * The kind of contact, preset from the category but the resident's to change: the types the
 * organisation offers, in its order, with its own names and descriptions where it gave them.
 */
import type { PublicOrganisation, TicketType } from "@yhteys/contracts";
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
  value: TicketType | undefined;
  presetFromCategory: boolean;
  onChange: (type: TicketType) => void;
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
        {types.map(({ type, name, description }) => (
          <div className="choice" key={type}>
            <input
              type="radio"
              id={`type-${type}`}
              name="type"
              value={type}
              checked={value === type}
              aria-describedby={`type-${type}-hint`}
              onChange={() => onChange(type)}
            />
            <label htmlFor={`type-${type}`}>{name ? localize(name, language) : t(`type.${type}`)}</label>
            <span id={`type-${type}-hint`} className="choice-hint">
              {description ? localize(description, language) : t(`type.${type}.hint`)}
            </span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
