/** The fields of one rule action: what to route to, which priority, whom to notify, which template… */
import { type Priority, priorities, type ReplyTemplate, ticketStates } from "@yhteys/contracts";
import type { Directory } from "../api.ts";
import { name, priorityName, ruleTypeName, ruleTypeValue, stateName } from "../format.ts";
import { useI18n } from "../i18n.ts";
import { CheckboxGroup, SelectField, TextField } from "./AdminForm.tsx";
import { type RuleStatus, StatusSelect } from "./RuleStatusFields.tsx";
import type { ActionDraft } from "./ruleDrafts.ts";

type Props = {
  id: string;
  draft: ActionDraft;
  directory: Directory;
  templates: ReplyTemplate[];
  statuses: RuleStatus[];
  error: string | undefined;
  onChange: (change: Partial<ActionDraft>) => void;
};

export function RuleActionFields({ id, draft: a, directory, templates, statuses, error, onChange }: Props) {
  const { t, language } = useI18n();
  const handlers = directory.users.filter((u) => !["viewer", "reporter", "internal_customer"].includes(u.role));
  const groupName = (groupId: string) => name(directory.groups.find((g) => g.id === groupId)?.name, language);
  const categoryLabel = (categoryId: string) => {
    const c = directory.categories.find((x) => x.id === categoryId);
    const parent = directory.categories.find((x) => x.id === c?.parentId);
    return [parent ? name(parent.name, language) : null, name(c?.name, language)].filter(Boolean).join(" › ");
  };
  const templateName = (templateId: string) => {
    const template = templates.find((x) => x.id === templateId);
    return template ? `${template.name} (${template.language})` : "";
  };
  const choose = (
    label: string,
    values: readonly string[],
    optionLabel: (v: string) => string,
    value = a.value,
    set = (v: string) => onChange({ value: v }),
  ) => (
    <SelectField
      id={`${id}-value`}
      label={label}
      value={value}
      values={["", ...values]}
      optionLabel={(v) => (v ? optionLabel(v) : t("rules.choose"))}
      onChange={set}
    />
  );

  switch (a.action) {
    case "route":
      return (
        <div className="field-row">
          <SelectField
            id={`${id}-group`}
            label={t("rules.routeGroup")}
            value={a.groupId}
            values={["", ...directory.groups.map((g) => g.id)]}
            optionLabel={(v) => (v ? groupName(v) : t("rules.keepGroup"))}
            onChange={(groupId) => onChange({ groupId })}
          />
          <SelectField
            id={`${id}-handler`}
            label={t("rules.routeHandler")}
            value={a.handlerId}
            values={["", ...handlers.map((u) => u.id)]}
            optionLabel={(v) => (v ? (handlers.find((u) => u.id === v)?.name ?? "") : t("rules.noHandler"))}
            onChange={(handlerId) => onChange({ handlerId })}
          />
        </div>
      );
    case "routeInTurn":
      return (
        <>
          <SelectField
            id={`${id}-group`}
            label={t("rules.inTurnGroup")}
            value={a.groupId}
            values={["", ...directory.groups.map((g) => g.id)]}
            optionLabel={(v) => (v ? groupName(v) : t("rules.choose"))}
            onChange={(groupId) => onChange({ groupId })}
          />
          <p className="hint">{t("rules.inTurnHint")}</p>
        </>
      );
    case "setPriority":
      return choose(t("rules.field.priority"), priorities, (v) => priorityName(t, v as Priority));
    case "setType": {
      // Offered: the active types, and the one the rule sets even when it was switched off.
      const current = a.typeId || a.value;
      const types = directory.types.filter((s) => s.active || ruleTypeValue(s) === current);
      return choose(
        t("rules.field.type"),
        types.map(ruleTypeValue),
        (v) => ruleTypeName(t, language, types, v),
        current,
        (v) => {
          const s = types.find((x) => ruleTypeValue(x) === v);
          onChange(s && !s.builtIn ? { value: s.type, typeId: v } : { value: v, typeId: "" });
        },
      );
    }
    case "setCategory":
      return choose(
        t("rules.field.category"),
        directory.categories.filter((c) => c.parentId).map((c) => c.id),
        categoryLabel,
      );
    case "markSensitive":
      return null;
    case "notify":
      return (
        <div className="field-row">
          <CheckboxGroup
            id={`${id}-users`}
            legend={t("rules.notifyUsers")}
            options={handlers.map((u) => ({ value: u.id, label: u.name }))}
            selected={a.userIds}
            onChange={(userIds) => onChange({ userIds })}
            error={error}
          />
          <CheckboxGroup
            id={`${id}-groups`}
            legend={t("rules.notifyGroups")}
            options={directory.groups.map((g) => ({ value: g.id, label: groupName(g.id) }))}
            selected={a.groupIds}
            onChange={(groupIds) => onChange({ groupIds })}
          />
        </div>
      );
    case "autoReply":
      return (
        <>
          {choose(
            t("rules.template"),
            templates.map((x) => x.id),
            templateName,
          )}
          {templates.length === 0 && <p className="hint">{t("rules.noTemplates")}</p>}
        </>
      );
    case "addTag":
      return (
        <TextField
          id={`${id}-value`}
          label={t("rules.tag")}
          hint={t("rules.tagHint")}
          value={a.value}
          onChange={(value) => onChange({ value })}
          error={error}
          required
        />
      );
    case "forward":
      return (
        <TextField
          id={`${id}-value`}
          label={t("rules.forwardLabel")}
          hint={t("rules.forwardHint")}
          value={a.value}
          onChange={(value) => onChange({ value })}
          error={error}
          required
        />
      );
    case "setState":
      return (
        <div className="field-row">
          {choose(t("rules.field.state"), ticketStates, (v) => stateName(t, v as (typeof ticketStates)[number]))}
          <SelectField
            id={`${id}-template`}
            label={t("rules.stateReply")}
            value={a.templateId}
            values={["", ...templates.map((x) => x.id)]}
            optionLabel={(v) => (v ? templateName(v) : t("rules.noReply"))}
            onChange={(templateId) => onChange({ templateId })}
          />
        </div>
      );
    case "setStatus":
      return <StatusSelect id={`${id}-value`} statuses={statuses} value={a.value} onChange={(value) => onChange({ value })} />;
  }
}
