/**
 * Parts shared by the sections of the integrations page: row actions, tables, secrets shown once,
 * category pickers and the active toggle.
 */
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useConsole } from "../Console.tsx";
import { errorText, name } from "../format.ts";
import { useI18n } from "../i18n.ts";

/** Runs an action from a table row, announces it and reloads. */
export function useRowAction(onChanged: () => void) {
  const { t } = useI18n();
  const { announce } = useConsole();
  const [error, setError] = useState<string | null>(null);
  const act = (action: () => Promise<unknown>) => {
    setError(null);
    action()
      .then(() => {
        announce(t("admin.saved"));
        onChanged();
      })
      .catch((e) => setError(errorText(t, e)));
  };
  const errorNode = error && (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
  return { act, errorNode };
}

export function Table(props: { caption: string; headers: string[]; empty: boolean; children: ReactNode }) {
  const { t } = useI18n();
  if (props.empty) return <p className="muted">{t("integrations.none")}</p>;
  return (
    <table className="tickets">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          {props.headers.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

export function Secret({ value }: { value: string | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (value) ref.current?.focus();
  }, [value]);
  if (!value) return null;
  return (
    <div ref={ref} tabIndex={-1} role="status" className="panel secret">
      <h3>{t("integrations.secretTitle")}</h3>
      <p>{t("integrations.secretIntro")}</p>
      <code className="hash">{value}</code>
    </div>
  );
}

export function CategorySelect(props: { id: string; label: string; value: string; onChange: (v: string) => void; allowNone?: boolean }) {
  const { t, language } = useI18n();
  const { directory } = useConsole();
  const options = (directory?.categories ?? []).filter((c) => c.selectable);
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.allowNone ? <option value="">{t("integrations.noCategory")}</option> : <option value="" disabled />}
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {name(c.name, language)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function useCategoryName() {
  const { language } = useI18n();
  const { directory } = useConsole();
  return (id: string | null) => {
    const c = directory?.categories.find((x) => x.id === id);
    return c ? name(c.name, language) : "–";
  };
}

export function ActiveToggle(props: { active: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="button secondary" onClick={props.onToggle}>
      {props.active ? t("integrations.deactivate") : t("integrations.activate")}
    </button>
  );
}
