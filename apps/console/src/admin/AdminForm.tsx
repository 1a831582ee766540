/**
 * Form pieces of the admin views: an error summary that takes focus and links to each invalid
 * field, labelled text fields that point at their error, checkbox groups in a fieldset, and
 * forms whose secrets are shown once.
 */
import type { LocalizedText } from "@yhteys/contracts";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError } from "../api.ts";
import { errorText } from "../format.ts";
import { useI18n } from "../i18n.ts";

/** A failed submission: a summary and messages per field (keyed by the field's API name). */
export type SubmitError = { text: string; fields: Record<string, string> };

/** Busy state and the error of one form; `run` turns API problems into a SubmitError. */
export function useSubmit() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SubmitError | null>(null);
  const run = async (action: () => Promise<void>, fieldErrors: Record<string, string> = {}) => {
    setError(null);
    if (Object.keys(fieldErrors).length) {
      setError({ text: t("error.validation"), fields: fieldErrors });
      return;
    }
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setError({ text: problemText(t, e), fields: e instanceof ApiError ? e.fieldErrors() : {} });
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The text of an API failure; a conflict adds the problem's detail (what is in the way). */
export function problemText(t: ReturnType<typeof useI18n>["t"], e: unknown) {
  if (e instanceof ApiError && e.problem?.code === "conflict") return `${t("admin.conflict")} ${e.problem.detail ?? ""}`.trim();
  return errorText(t, e);
}

/** The error summary: announced, focused, and linking to the fields it names. */
export function ErrorSummary({ error, fields }: { error: SubmitError | null; fields: Record<string, { id: string; label: string }> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return <div role="alert" />;
  const named = Object.entries(error.fields).filter(([key]) => fields[key]);
  return (
    <div ref={ref} role="alert" tabIndex={-1} className="form-error error-summary">
      <p>
        <strong>{error.text}</strong>
      </p>
      {named.length > 0 && (
        <ul>
          {named.map(([key, message]) => (
            <li key={key}>
              <a href={`#${fields[key]?.id}`}>
                {fields[key]?.label}: {message}
              </a>
            </li>
          ))}
        </ul>
      )}
      <span className="visually-hidden">{t("admin.errorSummaryHint")}</span>
    </div>
  );
}

type TextFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: "text" | "email" | "password" | "search" | "number" | "datetime-local";
  autoComplete?: string;
  required?: boolean;
};

type FieldNotesProps = { id: string; hint?: ReactNode; error?: string | undefined };

/** The ids of a control's hint and error (`{id}-hint`, `{id}-error`) for its aria-describedby; undefined without either. */
export const notesOf = ({ id, hint, error }: FieldNotesProps) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A control's hint and error lines, with the ids `notesOf` names. */
export function FieldNotes({ id, hint, error }: FieldNotesProps) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled input with an optional hint and its error, both tied to it with aria-describedby. */
export function TextField(props: TextFieldProps) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {!props.required && <span className="optional"> ({t("admin.optional")})</span>}
      </label>
      <FieldNotes {...props} />
      <input
        id={props.id}
        type={props.type ?? "text"}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete ?? "off"}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={notesOf(props)}
      />
    </div>
  );
}

/** One labelled checkbox, e.g. "the rule is active". */
export function CheckboxField(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="radio">
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  );
}

/** Several checkboxes under one legend, e.g. a user's groups. */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  /** `description` is a line under the option's label, tied to its checkbox with aria-describedby. */
  options: { value: string; label: ReactNode; description?: ReactNode }[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
  /** Shown under the legend. */
  hint?: string;
  /** Many short options flow into columns. */
  columns?: boolean;
}) {
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...props.selected, value] : props.selected.filter((v) => v !== value));
  return (
    <fieldset
      className={`choices checkbox-group${props.columns ? " checkbox-columns" : ""}`}
      id={props.id}
      aria-describedby={notesOf(props)}
    >
      <legend>{props.legend}</legend>
      <FieldNotes {...props} />
      {props.options.map((o) => (
        <div className="radio" key={o.value}>
          <input
            type="checkbox"
            id={`${props.id}-${o.value}`}
            checked={props.selected.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
            aria-describedby={o.description ? `${props.id}-${o.value}-description` : undefined}
          />
          <label htmlFor={`${props.id}-${o.value}`}>{o.label}</label>
          {o.description && (
            <p className="hint option-description" id={`${props.id}-${o.value}-description`}>
              {o.description}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}

/** A labelled select over a fixed list of values (role, language). */
export function SelectField<V extends string>(props: {
  id: string;
  label: string;
  value: V;
  values: readonly V[];
  optionLabel: (value: V) => string;
  onChange: (value: V) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.optionLabel(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A name being edited in three languages. */
export type NameDraft = { fi: string; sv: string; en: string };
export const toDraft = (text: LocalizedText | null | undefined): NameDraft => ({
  fi: text?.fi ?? "",
  sv: text?.sv ?? "",
  en: text?.en ?? "",
});
export const fromDraft = (d: NameDraft): LocalizedText => ({
  fi: d.fi.trim(),
  ...(d.sv.trim() ? { sv: d.sv.trim() } : {}),
  ...(d.en.trim() ? { en: d.en.trim() } : {}),
});

/** Name in three languages and optionally a Finnish description, as fields of one form. */
export function NameFields(props: {
  prefix: string;
  nameDraft: NameDraft;
  onName: (d: NameDraft) => void;
  description?: { value: string; onChange: (v: string) => void };
  error: (key: string) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="field-row">
        {(["fi", "sv", "en"] as const).map((l) => (
          <TextField
            key={l}
            id={`${props.prefix}name-${l}`}
            label={t(`admin.groupName.${l}`)}
            value={props.nameDraft[l]}
            onChange={(v) => props.onName({ ...props.nameDraft, [l]: v })}
            error={l === "fi" ? props.error("fi") : undefined}
            required={l === "fi"}
          />
        ))}
      </div>
      {props.description && (
        <TextField
          id={`${props.prefix}description`}
          label={t("admin.groupDescription")}
          value={props.description.value}
          onChange={props.description.onChange}
        />
      )}
    </>
  );
}

/**
 * A form that creates something whose key or secret is shown once: `submit` checks the field
 * errors, then runs `create`, which clears the form and resolves to the secret.
 */
export function useCreateWithSecret() {
  const { busy, error, run } = useSubmit();
  const [secret, setSecret] = useState<string | null>(null);
  const submit = (create: () => Promise<string>, fieldErrors: Record<string, string> = {}) => {
    setSecret(null);
    void run(async () => setSecret(await create()), fieldErrors);
  };
  return { busy, error, secret, submit };
}

/** The form of `useCreateWithSecret`: the secret once made, the error summary, the fields and the submit button. */
export function SecretForm(props: {
  form: ReturnType<typeof useCreateWithSecret>;
  secretTitle: string;
  secretIntro: string;
  /** The fields the error summary links to, by API name. */
  fields: Record<string, { id: string; label: string }>;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { busy, error, secret } = props.form;
  return (
    <>
      <Secret value={secret} title={props.secretTitle} intro={props.secretIntro} />
      <ErrorSummary error={error} fields={props.fields} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
        noValidate
      >
        {props.children}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("common.saving") : props.submitLabel}
        </button>
      </form>
    </>
  );
}

/** A key or secret shown once, right after it was made: focused and announced. */
function Secret({ value, title, intro }: { value: string | null; title: string; intro: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (value) ref.current?.focus();
  }, [value]);
  if (!value) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status" className="panel secret">
      <h3>{title}</h3>
      <p>{intro}</p>
      <code className="hash">{value}</code>
    </div>
  );
}
