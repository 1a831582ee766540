/** Pieces shared by the integrations page's sections: the section with its table, category choices and the active toggle. */
import { type ReactNode, useId } from "react";
import { useConsole } from "../Console.tsx";
import { name } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { AdminTable } from "./AdminTable.tsx";

/** A section: its items in a table whose last columns are their state and actions (`ActiveCells`), then the form that adds one. */
export function IntegrationSection<T extends { id: string }>(props: {
  title: string;
  /** The result of the last row action (`useAdminAction`). */
  status: ReactNode;
  /** The columns before the state and the actions. */
  headers: string[];
  items: T[];
  row: (item: T) => ReactNode;
  newTitle: string;
  /** The form. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      {props.status}
      <AdminTable
        caption={props.title}
        headers={[...props.headers, t("integrations.status"), t("integrations.actions")]}
        items={props.items}
        empty={t("integrations.none")}
        row={props.row}
      />
      <h3>{props.newTitle}</h3>
      {props.children}
    </section>
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

/** A row's state and actions cells: activate or deactivate, then the row's other actions. */
export function ActiveCells(props: { active: boolean; onToggle: () => void; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <td>{props.active ? t("integrations.active") : t("integrations.inactive")}</td>
      <td className="button-row">
        <button type="button" className="button secondary" onClick={props.onToggle}>
          {props.active ? t("integrations.deactivate") : t("integrations.activate")}
        </button>
        {props.children}
      </td>
    </>
  );
}
