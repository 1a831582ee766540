/** The category's own questions, rendered from their definitions (types, options, required, help). */
import type { ExtraFieldDefinition } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import type { ExtraAnswer } from "./draft.ts";
import { describedBy, ErrorMessage, errorId, Hint, hintId, Required } from "./Field.tsx";
import { useI18n } from "./i18n.ts";
import { extraFieldId } from "./validation.ts";

type Props = {
  definitions: ExtraFieldDefinition[];
  values: Record<string, ExtraAnswer>;
  onChange: (code: string, value: ExtraAnswer) => void;
  errors: Record<string, string>;
};

/** Up to this many options are shown as radio buttons; more become a drop-down list. */
const MAX_RADIOS = 6;

export function ExtraFields({ definitions, values, onChange, errors }: Props) {
  const { t } = useI18n();
  if (definitions.length === 0) return null;
  return (
    <fieldset className="extra-fields">
      <legend className="legend-large">{t("extra.legend")}</legend>
      {definitions.map((def) => (
        <ExtraField
          key={def.code}
          def={def}
          value={values[def.code]}
          onChange={(value) => onChange(def.code, value)}
          error={errors[extraFieldId(def.code)]}
        />
      ))}
    </fieldset>
  );
}

function ExtraField({
  def,
  value,
  onChange,
  error,
}: {
  def: ExtraFieldDefinition;
  value: ExtraAnswer | undefined;
  onChange: (value: ExtraAnswer) => void;
  error: string | undefined;
}) {
  const { t, language } = useI18n();
  const id = extraFieldId(def.code);
  const label = localize(def.label, language);
  const help = def.help ? localize(def.help, language) : undefined;
  const describedby = describedBy(help && hintId(id), error && errorId(id));
  const invalid = error ? true : undefined;
  const className = `field${error ? " field-invalid" : ""}`;
  const text = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? value : [];
  const options = (def.options ?? []).map((o) => ({ key: o.key, label: localize(o.label, language) }));

  const group = (choices: { key: string; label: string }[], multiple: boolean) => (
    <fieldset id={id} className={className} aria-describedby={describedby}>
      <legend>
        {label}
        {def.required && <Required />}
      </legend>
      <Hint id={hintId(id)}>{help}</Hint>
      <ErrorMessage id={errorId(id)} message={error} />
      <div className={`choices${choices.length === 2 ? " choices-inline" : ""}`}>
        {choices.map((choice) => {
          const choiceId = `${id}-${choice.key}`;
          const checked = multiple ? list.includes(choice.key) : text === choice.key;
          return (
            <div className="choice" key={choice.key}>
              <input
                type={multiple ? "checkbox" : "radio"}
                id={choiceId}
                name={id}
                value={choice.key}
                checked={checked}
                required={!multiple && def.required}
                aria-invalid={invalid}
                onChange={(event) =>
                  onChange(multiple ? (event.target.checked ? [...list, choice.key] : list.filter((k) => k !== choice.key)) : choice.key)
                }
              />
              <label htmlFor={choiceId}>{choice.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );

  if (def.type === "boolean")
    return group(
      [
        { key: "yes", label: t("extra.yes") },
        { key: "no", label: t("extra.no") },
      ],
      false,
    );
  if (def.type === "multivaluelist") return group(options, true);
  if (def.type === "singlevaluelist" && options.length <= MAX_RADIOS) return group(options, false);

  const common = {
    id,
    name: id,
    required: def.required,
    "aria-invalid": invalid,
    "aria-describedby": describedby,
  };
  let control: React.ReactNode;
  if (def.type === "singlevaluelist")
    control = (
      <select {...common} className="input" value={text} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("extra.choose")}</option>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    );
  else if (def.type === "text")
    control = <textarea {...common} className="input" rows={3} value={text} onChange={(event) => onChange(event.target.value)} />;
  else
    control = (
      <input
        {...common}
        className={`input${def.type === "number" || def.type === "date" ? " input-short" : ""}`}
        type={def.type === "date" ? "date" : "text"}
        inputMode={def.type === "number" ? "decimal" : undefined}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  return (
    <div className={className}>
      <label htmlFor={id}>
        {label}
        {def.required && <Required />}
      </label>
      <Hint id={hintId(id)}>{help}</Hint>
      <ErrorMessage id={errorId(id)} message={error} />
      {control}
    </div>
  );
}
