/**
 * The extra fields of a category being edited: per field its code, type, whether it is required,
 * label and help per language, and for the list types its choices; fields and choices are added,
 * moved up or down and removed with buttons. Errors come by path (`extraFields.0.options`).
 */
import type { ExtraFieldDefinition } from "@yhteys/contracts";
import { extraFieldTypes } from "@yhteys/contracts/constants";
import { useState } from "react";
import { useConsole } from "../Console.tsx";
import { ExtraFieldInputs } from "../ExtraFieldInputs.tsx";
import { useI18n } from "../i18n.ts";
import { CheckboxField, FieldNotes, fromDraft, type NameDraft, notesOf, SelectField, TextField, toDraft } from "./AdminForm.tsx";

type ExtraFieldType = (typeof extraFieldTypes)[number];

export type OptionDraft = { uid: number; key: string; label: NameDraft };
export type FieldDraft = {
  uid: number;
  code: string;
  type: ExtraFieldType;
  required: boolean;
  label: NameDraft;
  help: NameDraft;
  options: OptionDraft[];
};

let nextUid = 1;
const uid = () => nextUid++;
export const isListType = (type: ExtraFieldType) => type === "singlevaluelist" || type === "multivaluelist";

export const toFieldDraft = (f: ExtraFieldDefinition): FieldDraft => ({
  uid: uid(),
  code: f.code,
  type: f.type,
  required: f.required,
  label: toDraft(f.label),
  help: toDraft(f.help),
  options: (f.options ?? []).map((o) => ({ uid: uid(), key: o.key, label: toDraft(o.label) })),
});

/** What the API takes; the server checks codes, labels and choices. */
export const fromFieldDraft = (d: FieldDraft): ExtraFieldDefinition => ({
  code: d.code.trim(),
  type: d.type,
  required: d.required,
  label: fromDraft(d.label),
  ...(d.help.fi.trim() ? { help: fromDraft(d.help) } : {}),
  ...(isListType(d.type) ? { options: d.options.map((o) => ({ key: o.key.trim(), label: fromDraft(o.label) })) } : {}),
});

const emptyText = (): NameDraft => ({ fi: "", sv: "", en: "" });

/** The id of a control by its API path: `extraFields.0.label.fi` → `category-extraFields-0-label-fi`. */
export const controlId = (path: string) => `category-${path.replaceAll(".", "-")}`;

const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

function moved<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

const languages = ["fi", "sv", "en"] as const;

/** A text in three languages as a row of fields whose ids and errors follow its API path (`name` → `name.fi`…); Finnish is required unless `optional`. */
export function LanguageFields(props: {
  path: string;
  label: (language: "fi" | "sv" | "en") => string;
  value: NameDraft;
  onChange: (value: NameDraft) => void;
  error: (path: string) => string | undefined;
  optional?: boolean;
}) {
  return (
    <div className="field-row">
      {languages.map((l) => (
        <TextField
          key={l}
          id={controlId(`${props.path}.${l}`)}
          label={props.label(l)}
          value={props.value[l]}
          onChange={(v) => props.onChange({ ...props.value, [l]: v })}
          error={props.error(`${props.path}.${l}`)}
          required={l === "fi" && !props.optional}
        />
      ))}
    </div>
  );
}

export function ExtraFieldsEditor(props: {
  fields: FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  error: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const { fields, onChange, error } = props;
  const set = (i: number, change: Partial<FieldDraft>) => onChange(fields.map((f, j) => (j === i ? { ...f, ...change } : f)));
  const title = (i: number) => {
    const label = fields[i]?.label.fi.trim();
    return label ? `${t("categories.field", { n: i + 1 })}: ${label}` : t("categories.field", { n: i + 1 });
  };
  const listNotes = { id: controlId("extraFields"), hint: t("categories.fieldsHint"), error: error("extraFields") };

  const moveField = (i: number, to: number) => {
    onChange(moved(fields, i, to));
    announce(t("categories.fieldMoved", { name: title(i), n: to + 1 }));
    const field = fields[i];
    if (field) focusLater(`field-${field.uid}-${to < i ? "up" : "down"}`);
  };
  const addField = () => {
    const field: FieldDraft = {
      uid: uid(),
      code: "",
      type: "string",
      required: false,
      label: emptyText(),
      help: emptyText(),
      options: [],
    };
    onChange([...fields, field]);
    announce(t("categories.fieldAdded", { n: fields.length + 1 }));
    focusLater(controlId(`extraFields.${fields.length}.code`));
  };
  const removeField = (i: number) => {
    announce(t("categories.fieldRemoved", { name: title(i) }));
    onChange(fields.filter((_, j) => j !== i));
    focusLater("category-add-field");
  };

  return (
    <fieldset className="category-fields" id={listNotes.id} aria-describedby={notesOf(listNotes)}>
      <legend>{t("categories.fields")}</legend>
      <FieldNotes {...listNotes} />
      {fields.length === 0 && <p className="muted">{t("categories.noFields")}</p>}
      {fields.map((field, i) => {
        const path = `extraFields.${i}`;
        const id = (part: string) => controlId(`${path}.${part}`);
        return (
          <fieldset key={field.uid} className="panel category-field">
            <legend>{title(i)}</legend>
            <div className="field-row">
              <TextField
                id={id("code")}
                label={t("categories.fieldCode")}
                hint={t("categories.fieldCodeHint")}
                value={field.code}
                onChange={(code) => set(i, { code })}
                error={error(`${path}.code`)}
                required
              />
              <SelectField
                id={id("type")}
                label={t("categories.fieldType")}
                value={field.type}
                values={extraFieldTypes}
                optionLabel={(v) => t(`categories.fieldType.${v}`)}
                onChange={(type) =>
                  set(i, {
                    type,
                    options: isListType(type) && field.options.length === 0 ? [{ uid: uid(), key: "", label: emptyText() }] : field.options,
                  })
                }
              />
            </div>
            <CheckboxField
              id={id("required")}
              label={t("categories.fieldRequired")}
              checked={field.required}
              onChange={(required) => set(i, { required })}
            />
            <LanguageFields
              path={`${path}.label`}
              label={(l) => t(`categories.label.${l}`)}
              value={field.label}
              onChange={(label) => set(i, { label })}
              error={error}
            />
            <LanguageFields
              path={`${path}.help`}
              label={(l) => t(`categories.help.${l}`)}
              value={field.help}
              onChange={(help) => set(i, { help })}
              error={error}
              optional
            />
            {(isListType(field.type) || error(`${path}.options`)) && (
              <OptionsEditor
                path={path}
                options={field.options}
                onChange={(options) => set(i, { options })}
                error={error}
                disabled={!isListType(field.type)}
              />
            )}
            <div className="button-row">
              {i > 0 && (
                <button type="button" className="button secondary" id={`field-${field.uid}-up`} onClick={() => moveField(i, i - 1)}>
                  {t("categories.moveUp", { name: title(i) })}
                </button>
              )}
              {i < fields.length - 1 && (
                <button type="button" className="button secondary" id={`field-${field.uid}-down`} onClick={() => moveField(i, i + 1)}>
                  {t("categories.moveDown", { name: title(i) })}
                </button>
              )}
              <button type="button" className="button secondary" onClick={() => removeField(i)}>
                {t("categories.remove", { name: title(i) })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" className="button secondary" id="category-add-field" onClick={addField}>
        {t("categories.addField")}
      </button>
    </fieldset>
  );
}

function OptionsEditor(props: {
  path: string;
  options: OptionDraft[];
  onChange: (options: OptionDraft[]) => void;
  error: (path: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const { path, options, onChange, error } = props;
  const set = (j: number, change: Partial<OptionDraft>) => onChange(options.map((o, k) => (k === j ? { ...o, ...change } : o)));
  const name = (j: number) => {
    const label = options[j]?.label.fi.trim();
    return label ? `${t("categories.option", { n: j + 1 })}: ${label}` : t("categories.option", { n: j + 1 });
  };
  const listId = controlId(`${path}.options`);
  return (
    <fieldset className="category-options" id={listId} aria-describedby={notesOf({ id: listId, error: error(`${path}.options`) })}>
      <legend>{t("categories.options")}</legend>
      <FieldNotes id={listId} error={error(`${path}.options`)} />
      <ol>
        {options.map((option, j) => {
          const id = (part: string) => controlId(`${path}.options.${j}.${part}`);
          return (
            <li key={option.uid} className="category-option">
              <TextField
                id={id("key")}
                label={`${name(j)} – ${t("categories.optionKey")}`}
                value={option.key}
                onChange={(key) => set(j, { key })}
                error={error(`${path}.options.${j}.key`)}
                required
              />
              <LanguageFields
                path={`${path}.options.${j}.label`}
                label={(l) => `${name(j)} – ${t(l === "fi" ? "categories.optionLabel" : `categories.optionLabel.${l}`)}`}
                value={option.label}
                onChange={(label) => set(j, { label })}
                error={error}
              />
              <div className="button-row">
                {j > 0 && (
                  <button
                    type="button"
                    className="button secondary"
                    id={`option-${option.uid}-up`}
                    onClick={() => {
                      onChange(moved(options, j, j - 1));
                      focusLater(`option-${option.uid}-up`);
                    }}
                  >
                    {t("categories.moveUp", { name: name(j) })}
                  </button>
                )}
                {j < options.length - 1 && (
                  <button
                    type="button"
                    className="button secondary"
                    id={`option-${option.uid}-down`}
                    onClick={() => {
                      onChange(moved(options, j, j + 1));
                      focusLater(`option-${option.uid}-down`);
                    }}
                  >
                    {t("categories.moveDown", { name: name(j) })}
                  </button>
                )}
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    onChange(options.filter((_, k) => k !== j));
                    focusLater(`${listId}-add`);
                  }}
                >
                  {t("categories.remove", { name: name(j) })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {!props.disabled && (
        <button
          type="button"
          className="button secondary"
          id={`${listId}-add`}
          onClick={() => {
            onChange([...options, { uid: uid(), key: "", label: emptyText() }]);
            focusLater(controlId(`${path}.options.${options.length}.key`));
          }}
        >
          {t("categories.addOption")}
        </button>
      )}
    </fieldset>
  );
}

/** The fields as a form would ask them, for trying out; fields without a valid code or label are left out. */
export function ExtraFieldsPreview({ fields }: { fields: FieldDraft[] }) {
  const { t } = useI18n();
  const [values, setValues] = useState({});
  const definitions = fields
    .map(fromFieldDraft)
    .filter((f, i, all) => /^[a-z][a-z0-9_]{0,39}$/.test(f.code) && f.label.fi && all.findIndex((g) => g.code === f.code) === i)
    .map((f) => ({ ...f, options: (f.options ?? []).filter((o, j, all) => o.key && all.findIndex((p) => p.key === o.key) === j) }));
  if (!definitions.length) return null;
  return (
    <section className="panel category-preview" aria-labelledby="category-preview-heading">
      <h3 id="category-preview-heading">{t("categories.preview")}</h3>
      <ExtraFieldInputs idPrefix="category-preview" definitions={definitions} values={values} onChange={setValues} />
    </section>
  );
}
