/**
 * Editing one automation rule: name, trigger (with its time condition for time rules),
 * conditions (each a field and its values) and actions. Conditions of a list field offer
 * checkboxes; words are typed, separated by commas.
 */
import {
  channels,
  languages,
  priorities,
  type ReplyTemplate,
  type Rule,
  type RuleCondition,
  ruleChangeFields,
  ruleTriggers,
  ticketStates,
} from "@yhteys/contracts";
import { type FormEvent, useId, useState } from "react";
import type { Directory } from "../api.ts";
import { useConsole } from "../Console.tsx";
import { channelName, languageName, name, priorityName, ruleTypeName, ruleTypeValue, stateName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextField, useSubmit } from "./AdminForm.tsx";
import * as adminApi from "./adminApi.ts";
import { RuleActionFields } from "./RuleActionFields.tsx";
import { type RuleStatus, StatusChoices } from "./RuleStatusFields.tsx";
import { RuleTimeFields } from "./RuleTimeFields.tsx";
import {
  type ActionDraft,
  actionComplete,
  type ConditionDraft,
  elapsedHours,
  type Field,
  fields,
  fromActionDraft,
  fromConditionDraft,
  fromElapsedDraft,
  kindsFor,
  newAction,
  nextKey,
  toActionDraft,
  toConditionDraft,
  toElapsedDraft,
  yesNoFields,
} from "./ruleDrafts.ts";

type Props = {
  rule?: Rule;
  directory: Directory;
  areas: { id: string; name: Parameters<typeof name>[0] }[];
  templates: ReplyTemplate[];
  statuses: RuleStatus[];
  onDone: (saved: boolean) => void;
};

export function RuleForm({ rule, directory, areas, templates, statuses, onDone }: Props) {
  const { t, language } = useI18n();
  const { announce } = useConsole();
  const prefix = useId();
  const [ruleName, setRuleName] = useState(rule?.name ?? "");
  const [description, setDescription] = useState(rule?.description ?? "");
  const [trigger, setTrigger] = useState(rule?.trigger ?? "created");
  const [active, setActive] = useState(rule?.active ?? true);
  const [stops, setStops] = useState(rule?.stopsProcessing ?? false);
  const [conditions, setConditions] = useState<ConditionDraft[]>(() =>
    (rule?.conditions ?? []).flatMap((c, i) => (c.field === "elapsed" ? [] : [toConditionDraft(c, i)])),
  );
  const [elapsed, setElapsed] = useState(() => toElapsedDraft(rule?.conditions ?? []));
  const [actions, setActions] = useState<ActionDraft[]>(() =>
    rule ? rule.actions.map(toActionDraft) : [{ ...newAction(0, "route"), groupId: directory.groups[0]?.id ?? "" }],
  );
  const { busy, error, run } = useSubmit();

  const categoryLabel = (id: string) => {
    const c = directory.categories.find((x) => x.id === id);
    const parent = directory.categories.find((x) => x.id === c?.parentId);
    return [parent ? name(parent.name, language) : null, name(c?.name, language)].filter(Boolean).join(" › ");
  };
  const kinds = kindsFor(trigger);
  const options = (field: Field): { value: string; label: string }[] => {
    switch (field) {
      case "category":
        return directory.categories.map((c) => ({ value: c.id, label: categoryLabel(c.id) }));
      case "area":
        return areas.map((a) => ({ value: a.id, label: name(a.name, language) }));
      case "type":
        return directory.types.map((s) => ({
          value: ruleTypeValue(s),
          label: ruleTypeName(t, language, directory.types, ruleTypeValue(s)),
        }));
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
    elapsed: { id: `${prefix}elapsed-amount`, label: t("rules.amount") },
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
    for (const a of actions)
      if (!kinds.includes(a.action)) invalid[`a${a.key}`] = t("rules.onlyTime");
      else if (!actionComplete(a)) invalid[`a${a.key}`] = t("rules.noChoice");
    if (!actions.length) invalid.actions = t("rules.noChoice");
    if (trigger === "time" && elapsedHours(elapsed) === null) invalid.elapsed = t("rules.badAmount");
    const timed: RuleCondition[] = trigger === "time" ? [fromElapsedDraft(elapsed)] : [];
    const body = {
      name: ruleName.trim(),
      description: description.trim() || null,
      trigger,
      active,
      stopsProcessing: stops,
      conditions: [...timed, ...conditions.map(fromConditionDraft)],
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
        {trigger === "time" && (
          <RuleTimeFields
            id={`${prefix}elapsed`}
            draft={elapsed}
            error={error?.fields.elapsed}
            onChange={(change) => setElapsed({ ...elapsed, ...change })}
          />
        )}
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
              ) : c.field === "status" ? (
                <StatusChoices
                  id={`${prefix}c${c.key}-value`}
                  statuses={statuses}
                  selected={c.values}
                  onChange={(values) => updateCondition(c.key, { values })}
                  error={error?.fields[`c${c.key}`]}
                />
              ) : yesNoFields.includes(c.field) ? (
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
                onChange={(action) => updateAction(a.key, { action, value: "", templateId: "" })}
              />
              {error?.fields[`a${a.key}`] && <p className="field-error">{error.fields[`a${a.key}`]}</p>}
              <RuleActionFields
                id={`${prefix}a${a.key}`}
                draft={a}
                directory={directory}
                templates={templates}
                statuses={statuses}
                error={error?.fields[`a${a.key}`]}
                onChange={(change) => updateAction(a.key, change)}
              />
              {actions.length > 1 && (
                <button type="button" className="button secondary" onClick={() => setActions(actions.filter((x) => x.key !== a.key))}>
                  {t("rules.removeAction", { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="button secondary" onClick={() => setActions([...actions, newAction(nextKey(actions))])}>
            {t("rules.addAction")}
          </button>
        </fieldset>
        <CheckboxField id={`${prefix}active`} label={t("rules.active")} checked={active} onChange={setActive} />
        <CheckboxField id={`${prefix}stops`} label={t("rules.stopsProcessing")} checked={stops} onChange={setStops} />
        {trigger === "time" && <p className="hint">{t("rules.stopsTimeHint")}</p>}
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
