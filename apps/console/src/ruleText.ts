/** Rules as readable text: "Kanava: sähköposti, puhelin → ohjaa: Viheralueet", for the admin page and ticket history. */
import type { Channel, FiredRule, Language, Priority, RuleAction, RuleCondition, TicketState } from "@yhteys/contracts";
import type { Directory } from "./api.ts";
import { channelName, languageName, name, priorityName, ruleTypeName, stateName } from "./format.ts";
import type { T } from "./i18n.ts";

/** Names of what rules refer to; `areas` only where the caller may list them (admins). */
export type RuleNames = {
  directory: Directory | null;
  areas?: { id: string; name: Parameters<typeof name>[0] }[];
  /** Reply templates by id, where the caller may list them (admins). */
  templates?: { id: string; name: string }[];
  /** Workflow statuses by id, where the caller may list them (admins). */
  statuses?: { id: string; name: Parameters<typeof name>[0] }[];
};

/** ”Odottaa urakoitsijaa”, or a dash where statuses are not listed. */
const statusName = (t: T, language: Language, names: RuleNames, id: string) =>
  names.statuses ? `”${name(names.statuses.find((s) => s.id === id)?.name, language) || missing(t, names)}”` : "–";

/** What to show for a reference not found: deleted, or a dash while names are loading (or not readable). */
const missing = (t: T, names: RuleNames) => (names.directory ? t("rules.unknown") : "–");

export function conditionText(t: T, language: Language, names: RuleNames, c: RuleCondition): string {
  if (c.field === "elapsed") return elapsedText(t, c);
  const unknown = missing(t, names);
  const categoryName = (id: string) => name(names.directory?.categories.find((x) => x.id === id)?.name, language) || unknown;
  // Areas are listed for admins only; elsewhere an area condition shows no names.
  const areaName = (id: string) => (names.areas ? name(names.areas.find((x) => x.id === id)?.name, language) || unknown : "–");
  const values = (() => {
    switch (c.field) {
      case "category":
        return c.anyOf.map(categoryName);
      case "area":
        return c.anyOf.map(areaName);
      case "type":
        return c.anyOf.map((v) => ruleTypeName(t, language, names.directory?.types, v));
      case "channel":
        return c.anyOf.map((v) => channelName(t, v as Channel));
      case "priority":
        return c.anyOf.map((v) => priorityName(t, v as Priority));
      case "language":
        return c.anyOf.map((v) => languageName(t, v as Language));
      case "state":
        return c.anyOf.map((v) => stateName(t, v as TicketState));
      case "status":
        return c.anyOf.map((id) => statusName(t, language, names, id));
      case "words":
        return c.anyOf.map((w) => `”${w}”`);
      case "changed":
        return c.anyOf.map((f) => t(`rules.change.${f}`));
      case "customerKnown":
      case "businessHours":
      case "assigned":
        return [c.is ? t("rules.yes") : t("rules.no")];
    }
  })();
  return t("rules.condition", { field: t(`rules.field.${c.field}`), values: values.join(", ") });
}

/** "viimeisestä muutoksesta kulunut vähintään 14 vrk" */
function elapsedText(t: T, c: Extract<RuleCondition, { field: "elapsed" }>): string {
  const n = (value: number) => String(Math.round(value * 100) / 100);
  const amount = c.businessHours
    ? t("rules.businessHoursText", { n: n(c.hours) })
    : c.hours % 24 === 0
      ? t("rules.daysText", { n: n(c.hours / 24) })
      : t("rules.hoursText", { n: n(c.hours) });
  return t("rules.elapsedText", { since: t(`rules.since.${c.since}`), amount });
}

export function actionText(t: T, language: Language, names: RuleNames, a: RuleAction): string {
  const unknown = missing(t, names);
  // Templates are listed for admins only; elsewhere a template shows no name.
  const templateName = (id: string) => (names.templates ? `”${names.templates.find((x) => x.id === id)?.name ?? unknown}”` : "–");
  switch (a.action) {
    case "route": {
      const group = a.groupId ? name(names.directory?.groups.find((g) => g.id === a.groupId)?.name, language) || unknown : null;
      const person = a.handlerId ? (names.directory?.users.find((u) => u.id === a.handlerId)?.name ?? unknown) : null;
      return t("rules.didRoute", { target: [group, person].filter(Boolean).join(" / ") });
    }
    case "routeInTurn":
      return t("rules.didRouteInTurn", {
        group: name(names.directory?.groups.find((g) => g.id === a.groupId)?.name, language) || unknown,
      });
    case "setPriority":
      return t("rules.didPriority", { value: priorityName(t, a.priority) });
    case "setType":
      return t("rules.didType", { value: ruleTypeName(t, language, names.directory?.types, a.typeId ?? a.type) });
    case "setCategory":
      return t("rules.didCategory", {
        value: name(names.directory?.categories.find((c) => c.id === a.categoryId)?.name, language) || unknown,
      });
    case "markSensitive":
      return t("rules.didSensitive");
    case "notify": {
      const groups = a.groupIds.map((id) => name(names.directory?.groups.find((g) => g.id === id)?.name, language) || unknown);
      const people = a.userIds.map((id) => names.directory?.users.find((u) => u.id === id)?.name ?? unknown);
      return t("rules.didNotify", { targets: [...people, ...groups].join(", ") });
    }
    case "autoReply":
      return t("rules.didAutoReply", { template: templateName(a.templateId) });
    case "addTag":
      return t("rules.didTag", { tag: a.tag });
    case "forward":
      return t("rules.didForward", { label: a.label });
    case "setState":
      return a.templateId
        ? t("rules.didStateReply", { state: stateName(t, a.state), template: templateName(a.templateId) })
        : t("rules.didState", { state: stateName(t, a.state) });
    case "setStatus":
      return t("rules.didStatus", { status: statusName(t, language, names, a.statusId) });
  }
}

/** "Kun kanava: sähköposti → ohjaa: Viheralueet; kiireellisyys kiireellinen; myöhempiä sääntöjä ei kokeilla" */
export function ruleSummary(
  t: T,
  language: Language,
  names: RuleNames,
  rule: Pick<FiredRule, "conditions" | "actions"> & { stopsProcessing?: boolean },
): string {
  const when = rule.conditions.length ? rule.conditions.map((c) => conditionText(t, language, names, c)).join("; ") : t("rules.always");
  const then = [...rule.actions.map((a) => actionText(t, language, names, a)), ...(rule.stopsProcessing ? [t("rules.stopsText")] : [])];
  return `${t("rules.when")} ${when} → ${then.join("; ")}`;
}
