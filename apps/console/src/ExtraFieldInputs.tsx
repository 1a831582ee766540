/** A category's extra fields as inputs, for the forms where staff and internal customers file contacts. */
import type { Category, ExtraFieldDefinition, ExtraFieldValues } from "@yhteys/contracts";
import { CategoryOptions } from "./ActionForm.tsx";
import { name } from "./format.ts";
import { useI18n } from "./i18n.ts";

type Value = ExtraFieldValues[string];

/** The category of a contact and that category's extra fields; choosing another category clears the answers. */
export function CategoryFields(props: {
  idPrefix: string;
  categories: Category[];
  categoryId: string;
  onCategoryId: (categoryId: string) => void;
  extraFields: ExtraFieldValues;
  onExtraFields: (values: ExtraFieldValues) => void;
  /** Focus the category first (where staff type as a caller speaks). */
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const category = props.categories.find((c) => c.id === props.categoryId);
  return (
    <>
      <p className="field">
        <label htmlFor={`${props.idPrefix}-category`}>{t("record.category")}</label>
        <select
          id={`${props.idPrefix}-category`}
          // biome-ignore lint/a11y/noAutofocus: only where the form asks for it (see autoFocus).
          autoFocus={props.autoFocus}
          required
          value={props.categoryId}
          onChange={(e) => {
            props.onCategoryId(e.target.value);
            props.onExtraFields({});
          }}
        >
          <option value="">{t("record.chooseCategory")}</option>
          <CategoryOptions categories={props.categories} />
        </select>
      </p>
      {category && (
        <ExtraFieldInputs
          idPrefix={`${props.idPrefix}-extra`}
          definitions={category.extraFields}
          values={props.extraFields}
          onChange={props.onExtraFields}
        />
      )}
    </>
  );
}

/** A category's extra fields as inputs (also the admin's preview of them). */
export function ExtraFieldInputs(props: {
  idPrefix: string;
  definitions: ExtraFieldDefinition[];
  values: ExtraFieldValues;
  onChange: (values: ExtraFieldValues) => void;
}) {
  const { t, language } = useI18n();
  if (!props.definitions.length) return null;
  const set = (code: string, value: Value | undefined) => {
    const next = { ...props.values };
    if (value === undefined || value === "") delete next[code];
    else next[code] = value;
    props.onChange(next);
  };
  return (
    <fieldset className="choices">
      <legend>{t("extra.legend")}</legend>
      {props.definitions.map((def) => {
        const id = `${props.idPrefix}-${def.code}`;
        const label = `${name(def.label, language)}${def.required ? " *" : ""}`;
        const value = props.values[def.code];
        const options = def.options ?? [];
        if (def.type === "boolean")
          return (
            <div key={def.code} className="radio">
              <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(def.code, e.target.checked || undefined)} />
              <label htmlFor={id}>{label}</label>
            </div>
          );
        if (def.type === "multivaluelist") {
          const chosen = Array.isArray(value) ? value : [];
          return (
            <fieldset key={def.code} className="choices">
              <legend>{label}</legend>
              {options.map((o) => (
                <div key={o.key} className="radio">
                  <input
                    id={`${id}-${o.key}`}
                    type="checkbox"
                    checked={chosen.includes(o.key)}
                    onChange={(e) => {
                      const next = e.target.checked ? [...chosen, o.key] : chosen.filter((k) => k !== o.key);
                      set(def.code, next.length ? next : undefined);
                    }}
                  />
                  <label htmlFor={`${id}-${o.key}`}>{name(o.label, language)}</label>
                </div>
              ))}
            </fieldset>
          );
        }
        return (
          <p key={def.code} className="field">
            <label htmlFor={id}>{label}</label>
            {def.type === "singlevaluelist" ? (
              <select
                id={id}
                value={typeof value === "string" ? value : ""}
                required={def.required}
                onChange={(e) => set(def.code, e.target.value)}
              >
                <option value="">{t("extra.choose")}</option>
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {name(o.label, language)}
                  </option>
                ))}
              </select>
            ) : def.type === "text" ? (
              <textarea
                id={id}
                rows={2}
                value={String(value ?? "")}
                required={def.required}
                onChange={(e) => set(def.code, e.target.value)}
              />
            ) : (
              <input
                id={id}
                type={def.type === "number" ? "number" : def.type === "date" ? "date" : "text"}
                value={String(value ?? "")}
                required={def.required}
                onChange={(e) => set(def.code, def.type === "number" && e.target.value !== "" ? Number(e.target.value) : e.target.value)}
              />
            )}
          </p>
        );
      })}
    </fieldset>
  );
}
