/** Pieces shared by the integrations page's sections: category choices and the active toggle. */
import { useConsole } from "../Console.tsx";
import { name } from "../format.ts";
import { useI18n } from "../i18n.ts";

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
