/**
 * Editing one automation rule: name, trigger, conditions (each a field and its values) and
 * actions. Conditions of a list field offer checkboxes; words are typed, separated by commas.
 */
import {
  channels,
  languages,
  type Priority,
  priorities,
  type Rule,
  type RuleAction,
  type RuleCondition,
  ruleChangeFields,
  ruleTriggers,
  type TicketType,
  ticketStates,
  ticketTypes,
} from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import type { Directory } from "../api.ts";
import { useConsole } from "../Console.tsx";
import { channelName, languageName, name, priorityName, stateName, typeName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";

type Field = RuleCondition["field"];
const fields: Field[] = [
  "category",
  "words",
  "channel",
  "type",
  "priority",
  "area",
  "language",
  "customerKnown",
  "businessHours",
  "state",
  "changed",
];
type Kind = RuleAction["action"];
const kinds: Kind[] = ["route", "setPriority", "setType", "setCategory", "markSensitive"];

/** A condition being edited: list values, typed words or a yes/no. */
type ConditionDraft = { key: number; field: Field; values: string[]; words: string; is: boolean };
type ActionDraft = { key: number; action: Kind; groupId: string; handlerId: string; value: string };

const toConditionDraft = (c: RuleCondition, key: number): ConditionDraft => ({
  key,
  field: c.field,
  values: "anyOf" in c && c.field !== "words" ? [...c.anyOf] : [],
  words: c.field === "words" ? c.anyOf.join(", ") : "",
  is: "is" in c ? c.is : true,
});
const toActionDraft = (a: RuleAction, key: number): ActionDraft => ({
  key,
  action: a.action,
  groupId: a.action === "route" ? (a.groupId ?? "") : "",
  handlerId: a.action === "route" ? (a.handlerId ?? "") : "",
  value: a.action === "setPriority" ? a.priority : a.action === "setType" ? a.type : a.action === "setCategory" ? a.categoryId : "",
});

function fromConditionDraft(d: ConditionDraft): RuleCondition {
  if (d.field === "words")
    return {
      field: "words",
      anyOf: d.words
        .split(",")
        .map((w) => w.trim())
        .filter(Boolean),
    };
  if (d.field === "customerKnown" || d.field === "businessHours") return { field: d.field, is: d.is };
  return { field: d.field, anyOf: d.values } as RuleCondition;
}
function fromActionDraft(d: ActionDraft): RuleAction {
  if (d.action === "route")
    return { action: "route", ...(d.groupId ? { groupId: d.groupId } : {}), ...(d.handlerId ? { handlerId: d.handlerId } : {}) };
  if (d.action === "setPriority") return { action: "setPriority", priority: d.value as Priority };
  if (d.action === "setType") return { action: "setType", type: d.value as TicketType };
  if (d.action === "markSensitive") return { action: "markSensitive" };
  return { action: "setCategory", categoryId: d.value };
}
const nextKey = (list: { key: number }[]) => Math.max(0, ...list.map((x) => x.key + 1));

type Props = {
  rule?: Rule;
  directory: Directory;
  areas: { id: string; name: Parameters<typeof name>[0] }[];
  onDone: (saved: boolean) => void;
};

export function RuleForm({ rule, directory, areas, onDone }: Props) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [ruleName, setRuleName] = useState(rule?.name ?? "");
  const [description, setDescription] = useState(rule?.description ?? "");
  const [trigger, setTrigger] = useState(rule?.trigger ?? "created");
  const [active, setActive] = useState(rule?.active ?? true);
  const [stops, setStops] = useState(rule?.stopsProcessing ?? false);
  const [conditions, setConditions] = useState<ConditionDraft[]>(() => (rule?.conditions ?? []).map(toConditionDraft));
  const [actions, setActions] = useState<ActionDraft[]>(() =>
    (rule?.actions ?? [{ action: "route", groupId: directory.groups[0]?.id } as RuleAction]).map(toActionDraft),
  );
  const { busy, error, run } = useSubmit();

  const categoryLabel = (id: string) => {
    const c = directory.categories.find((x) => x.id === id);
    const parent = directory.categories.find((x) => x.id === c?.parentId);
    return [parent ? name(parent.name, language) : null, name(c?.name, language)].filter(Boolean).join(" › ");
  };
  const leaves = directory.categories.filter((c) => c.parentId);
  const handlers = directory.users.filter((u) => !["viewer", "reporter", "internal_customer"].includes(u.role));
  const options = (field: Field): { value: string; label: string }[] => {
    switch (field) {
      case "category":
        return directory.categories.map((c) => ({ value: c.id, label: categoryLabel(c.id) }));
      case "area":
        return areas.map((a) => ({ value: a.id, label: name(a.name, language) }));
      case "type":
        return ticketTypes.map((v) => ({ value: v, label: typeName(t, v) }));
      case "channel":
        return channels.map((v) => ({ value: v, label: channelName(t, v) }));
      case "priority":
        return priorities.map((v) => ({ value: v, label: priorityName(t, v) }));
      case "language":
        return languages.map((v) => ({ value: v, label: languageName(t, v) }));
      case "state":
        return ticketStates.map((v) => ({ value: v, label: stateName(t, v) }));
      case "changed":
        return ruleChangeFields.map((v) => ({ value: v, label: t(`rules.change.${v}`) }));
      default:
        return [];
    }
  };

  const fieldIds: Record<string, { id: string; label: string }> = {
    name: { id: `${prefix}name`, label: t("rules.name") },
    ...Object.fromEntries(
      conditions.map((c, i) => [`c${c.key}`, { id: `${prefix}c${c.key}-value`, label: t("rules.conditionField", { n: i + 1 }) }]),
    ),
    ...Object.fromEntries(
      actions.map((a, i) => [`a${a.key}`, { id: `${prefix}a${a.key}-kind`, label: t("rules.actionKind", { n: i + 1 }) }]),
    ),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const invalid: Record<string, string> = {};
    if (!ruleName.trim()) invalid.name = t("admin.required");
    for (const c of conditions) {
      const condition = fromConditionDraft(c);
      if ("anyOf" in condition && condition.anyOf.length === 0) invalid[`c${c.key}`] = t("rules.noChoice");
    }
    for (const a of actions) if (a.action === "route" ? !a.groupId && !a.handlerId : !a.value) invalid[`a${a.key}`] = t("rules.noChoice");
    if (!actions.length) invalid.actions = t("rules.noChoice");
    const body = {
      name: ruleName.trim(),
      description: description.trim() || null,
      trigger,
      active,
      stopsProcessing: stops,
      conditions: conditions.map(fromConditionDraft),
      actions: actions.map(fromActionDraft),
    };
    void run(async () => {
      const saved = rule ? await adminApi.updateRule(rule.id, body) : await adminApi.createRule(body);
      announce(t("rules.saved", { name: saved.name }));
      onDone(true);
    }, invalid);
  };

  const updateCondition = (key: number, change: Partial<ConditionDraft>) =>
    setConditions(conditions.map((c) => (c.key === key ? { ...c, ...change } : c)));
  const updateAction = (key: number, change: Partial<ActionDraft>) =>
    setActions(actions.map((a) => (a.key === key ? { ...a, ...change } : a)));

  return (
    <section className="panel rule-form" aria-labelledby={`${prefix}heading`}>
      <h2 id={`${prefix}heading`}>{rule ? t("rules.editRule", { name: rule.name }) : t("rules.newRule")}</h2>
      <ErrorSummary error={error} fields={fieldIds} />
      <form onSubmit={submit} noValidate>
        <TextField
          {...fieldIds.name}
          id={`${prefix}name`}
          label={t("rules.name")}
          value={ruleName}
          onChange={setRuleName}
          error={error?.fields.name}
          required
        />
        <TextField id={`${prefix}description`} label={t("rules.description")} value={description} onChange={setDescription} />
        <SelectField
          id={`${prefix}trigger`}
          label={t("rules.trigger")}
          value={trigger}
          values={ruleTriggers}
          optionLabel={(v) => t(`rules.trigger.${v}`)}
          onChange={setTrigger}
        />
        <fieldset className="choices">
          <legend>{t("rules.conditions")}</legend>
          {conditions.length === 0 && <p className="muted">{t("rules.noConditions")}</p>}
          {conditions.map((c, i) => (
            <div className="rule-part" key={c.key}>
              <SelectField
                id={`${prefix}c${c.key}-field`}
                label={t("rules.conditionField", { n: i + 1 })}
                value={c.field}
                values={fields}
                optionLabel={(f) => t(`rules.field.${f}`)}
                onChange={(field) => updateCondition(c.key, { field, values: [] })}
              />
              {c.field === "words" ? (
                <TextField
                  id={`${prefix}c${c.key}-value`}
                  label={t("rules.field.words")}
                  hint={t("rules.wordsHint")}
                  value={c.words}
                  onChange={(words) => updateCondition(c.key, { words })}
                  error={error?.fields[`c${c.key}`]}
                  required
                />
              ) : c.field === "customerKnown" || c.field === "businessHours" ? (
                <SelectField
                  id={`${prefix}c${c.key}-value`}
                  label={t(`rules.field.${c.field}`)}
                  value={c.is ? "yes" : "no"}
                  values={["yes", "no"] as const}
                  optionLabel={(v) => t(v === "yes" ? "rules.yes" : "rules.no")}
                  onChange={(v) => updateCondition(c.key, { is: v === "yes" })}
                />
              ) : (
                <CheckboxGroup
                  id={`${prefix}c${c.key}-value`}
                  legend={t(`rules.field.${c.field}`)}
                  options={options(c.field)}
                  selected={c.values}
                  onChange={(values) => updateCondition(c.key, { values })}
                  error={error?.fields[`c${c.key}`]}
                />
              )}
              <button type="button" className="button secondary" onClick={() => setConditions(conditions.filter((x) => x.key !== c.key))}>
                {t("rules.removeCondition", { n: i + 1 })}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button secondary"
            onClick={() => setConditions([...conditions, { key: nextKey(conditions), field: "words", values: [], words: "", is: true }])}
          >
            {t("rules.addCondition")}
          </button>
        </fieldset>
        <fieldset className="choices">
          <legend>{t("rules.actions")}</legend>
          {actions.map((a, i) => (
            <div className="rule-part" key={a.key}>
              <SelectField
                id={`${prefix}a${a.key}-kind`}
                label={t("rules.actionKind", { n: i + 1 })}
                value={a.action}
                values={kinds}
                optionLabel={(k) => t(`rules.action.${k}`)}
                onChange={(action) => updateAction(a.key, { action, value: "" })}
              />
              {error?.fields[`a${a.key}`] && <p className="field-error">{error.fields[`a${a.key}`]}</p>}
              {a.action === "route" && (
                <div className="field-row">
                  <SelectField
                    id={`${prefix}a${a.key}-group`}
                    label={t("rules.routeGroup")}
                    value={a.groupId}
                    values={["", ...directory.groups.map((g) => g.id)]}
                    optionLabel={(id) => (id ? name(directory.groups.find((g) => g.id === id)?.name, language) : t("rules.keepGroup"))}
                    onChange={(groupId) => updateAction(a.key, { groupId })}
                  />
                  <SelectField
                    id={`${prefix}a${a.key}-handler`}
                    label={t("rules.routeHandler")}
                    value={a.handlerId}
                    values={["", ...handlers.map((u) => u.id)]}
                    optionLabel={(id) => (id ? (handlers.find((u) => u.id === id)?.name ?? "") : t("rules.noHandler"))}
                    onChange={(handlerId) => updateAction(a.key, { handlerId })}
                  />
                </div>
              )}
              {a.action !== "route" && a.action !== "markSensitive" && (
                <SelectField
                  id={`${prefix}a${a.key}-value`}
                  label={t(
                    a.action === "setPriority"
                      ? "rules.field.priority"
                      : a.action === "setType"
                        ? "rules.field.type"
                        : "rules.field.category",
                  )}
                  value={a.value}
                  values={[
                    "",
                    ...(a.action === "setPriority" ? priorities : a.action === "setType" ? ticketTypes : leaves.map((c) => c.id)),
                  ]}
                  optionLabel={(v) =>
                    !v
                      ? t("rules.choose")
                      : a.action === "setPriority"
                        ? priorityName(t, v as Priority)
                        : a.action === "setType"
                          ? typeName(t, v as TicketType)
                          : categoryLabel(v)
                  }
                  onChange={(value) => updateAction(a.key, { value })}
                />
              )}
              {actions.length > 1 && (
                <button type="button" className="button secondary" onClick={() => setActions(actions.filter((x) => x.key !== a.key))}>
                  {t("rules.removeAction", { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              setActions([...actions, { key: nextKey(actions), action: "setPriority", groupId: "", handlerId: "", value: "" }])
            }
          >
            {t("rules.addAction")}
          </button>
        </fieldset>
        <CheckboxField id={`${prefix}active`} label={t("rules.active")} checked={active} onChange={setActive} />
        <CheckboxField id={`${prefix}stops`} label={t("rules.stopsProcessing")} checked={stops} onChange={setStops} />
        <div className="actions-row">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : rule ? t("rules.saveRule") : t("rules.createRule")}
          </button>
          <button type="button" className="button secondary" onClick={() => onDone(false)}>
            {t("rules.cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}
