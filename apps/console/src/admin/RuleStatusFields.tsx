/**
 * Workflow statuses in the rule editor: every type's statuses loaded once, and pickers that group
 * them by ticket type (a status belongs to one type's workflow). Switched-off statuses are offered
 * only where the rule already names them, marked, so that editing the rule does not drop them.
 */
import type { LocalizedText, TicketType } from "@yhteys/contracts";
import { name, typeName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup } from "./AdminForm.tsx";
import * as workflowsApi from "./workflowsApi.ts";

/** A status with its type: `typeKey` names the type (a built-in type's key is its kind `type`). */
export type RuleStatus = {
  id: string;
  name: LocalizedText;
  typeKey: string;
  type: TicketType;
  typeName: LocalizedText | null;
  active: boolean;
};

/** The statuses of every type's workflow, switched-off ones included (rules may still name them). */
export async function ruleStatuses(): Promise<RuleStatus[]> {
  const types = (await workflowsApi.ticketTypes()).items;
  const workflows = await Promise.all(types.map((s) => workflowsApi.workflow(s.key)));
  return workflows.flatMap((w, i) =>
    w.statuses.map((s) => ({ id: s.id, name: s.name, typeKey: w.key, type: w.type, typeName: types[i]?.name ?? null, active: s.active })),
  );
}

/** Whether a rule names a status that is switched off or gone: it will not match or move tickets as meant. */
export const namesOffStatus = (statuses: readonly RuleStatus[], ids: readonly string[]) =>
  ids.some((id) => !statuses.find((s) => s.id === id)?.active);

/** The statuses to offer, by type in the order loaded: those in use and those `chosen` already. */
function useGroups(statuses: readonly RuleStatus[], chosen: readonly string[]) {
  const { t, language } = useI18n();
  const groups = new Map<string, { type: string; label: string; options: { value: string; label: string }[] }>();
  for (const s of statuses) {
    if (!s.active && !chosen.includes(s.id)) continue;
    const group = groups.get(s.typeKey) ?? {
      type: s.typeKey,
      label: s.typeName ? name(s.typeName, language) : typeName(t, s.type),
      options: [],
    };
    group.options.push({ value: s.id, label: s.active ? name(s.name, language) : `${name(s.name, language)} (${t("rules.statusOff")})` });
    groups.set(s.typeKey, group);
  }
  return [...groups.values()];
}

/** Checkboxes of statuses, a group of them per ticket type. */
export function StatusChoices(props: {
  id: string;
  statuses: readonly RuleStatus[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const groups = useGroups(props.statuses, props.selected);
  return (
    <fieldset className="choices" id={props.id} aria-describedby={props.error ? `${props.id}-error` : undefined}>
      <legend>{t("rules.field.status")}</legend>
      {props.error && (
        <p className="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      {groups.length === 0 && <p className="hint">{t("rules.noStatuses")}</p>}
      {groups.map((g) => (
        <CheckboxGroup
          key={g.type}
          id={`${props.id}-${g.type}`}
          legend={g.label}
          options={g.options}
          selected={props.selected}
          onChange={props.onChange}
        />
      ))}
    </fieldset>
  );
}

/** One status, chosen from a list with a labelled option group per ticket type. */
export function StatusSelect(props: { id: string; statuses: readonly RuleStatus[]; value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  const groups = useGroups(props.statuses, [props.value]);
  return (
    <div className="field">
      <label htmlFor={props.id}>{t("rules.setStatusTo")}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t("rules.choose")}</option>
        {groups.map((g) => (
          <optgroup key={g.type} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {groups.length === 0 && <p className="hint">{t("rules.noStatuses")}</p>}
      <p className="hint">{t("rules.setStatusHint")}</p>
    </div>
  );
}
