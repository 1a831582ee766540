/**
 * A rule as its form edits it (drafts of conditions, of actions and of the time condition) and
 * back. Pure: no React.
 */
import type { Priority, RuleAction, RuleCondition, RuleTimeBase, TicketState, TicketType } from "@yhteys/contracts";

export type Field = Exclude<RuleCondition["field"], "elapsed">;
export const fields: Field[] = [
  "category",
  "words",
  "channel",
  "type",
  "priority",
  "area",
  "language",
  "customerKnown",
  "assigned",
  "businessHours",
  "state",
  "status",
  "changed",
];
/** Conditions answered yes or no. */
export const yesNoFields: readonly Field[] = ["customerKnown", "assigned", "businessHours"];

export type Kind = RuleAction["action"];
/** Actions per trigger: only time rules change the state. */
export const kindsFor = (trigger: string): Kind[] => [
  "route",
  "routeInTurn",
  "setPriority",
  "setType",
  "setCategory",
  "markSensitive",
  "notify",
  "autoReply",
  "addTag",
  "forward",
  "setStatus",
  ...(trigger === "time" ? (["setState"] as const) : []),
];

/** A condition being edited: list values, typed words or a yes/no. */
export type ConditionDraft = { key: number; field: Field; values: string[]; words: string; is: boolean };
/**
 * An action being edited (`groupId` also the group of "assign in turn"). `value` is the priority, type, category, template (auto-reply), tag,
 * label (forward), state or status; `templateId` the reply that goes with a state change.
 */
export type ActionDraft = {
  key: number;
  action: Kind;
  groupId: string;
  handlerId: string;
  value: string;
  /** With "set type": the added type (`value` is then its kind). */
  typeId: string;
  templateId: string;
  userIds: string[];
  groupIds: string[];
};
/** The time condition being edited: a number of hours or days since an instant. */
export type ElapsedDraft = { since: RuleTimeBase; amount: string; unit: "hours" | "days"; businessHours: boolean };

export const newElapsed = (): ElapsedDraft => ({ since: "updated", amount: "14", unit: "days", businessHours: false });
export const newAction = (key: number, action: Kind = "setPriority"): ActionDraft => ({
  key,
  action,
  groupId: "",
  handlerId: "",
  value: "",
  typeId: "",
  templateId: "",
  userIds: [],
  groupIds: [],
});

export const toConditionDraft = (c: Exclude<RuleCondition, { field: "elapsed" }>, key: number): ConditionDraft => ({
  key,
  field: c.field,
  values: "anyOf" in c && c.field !== "words" ? [...c.anyOf] : [],
  words: c.field === "words" ? c.anyOf.join(", ") : "",
  is: "is" in c ? c.is : true,
});

export function toElapsedDraft(conditions: readonly RuleCondition[]): ElapsedDraft {
  const c = conditions.find((x) => x.field === "elapsed");
  if (!c) return newElapsed();
  const days = !c.businessHours && c.hours % 24 === 0;
  return { since: c.since, amount: String(days ? c.hours / 24 : c.hours), unit: days ? "days" : "hours", businessHours: c.businessHours };
}

function actionValue(a: RuleAction): string {
  switch (a.action) {
    case "setPriority":
      return a.priority;
    case "setType":
      return a.type;
    case "setCategory":
      return a.categoryId;
    case "autoReply":
      return a.templateId;
    case "addTag":
      return a.tag;
    case "forward":
      return a.label;
    case "setState":
      return a.state;
    case "setStatus":
      return a.statusId;
    default:
      return "";
  }
}

export const toActionDraft = (a: RuleAction, key: number): ActionDraft => ({
  ...newAction(key, a.action),
  groupId: a.action === "route" || a.action === "routeInTurn" ? (a.groupId ?? "") : "",
  handlerId: a.action === "route" ? (a.handlerId ?? "") : "",
  value: actionValue(a),
  typeId: a.action === "setType" ? (a.typeId ?? "") : "",
  templateId: a.action === "setState" ? (a.templateId ?? "") : "",
  userIds: a.action === "notify" ? [...a.userIds] : [],
  groupIds: a.action === "notify" ? [...a.groupIds] : [],
});

export function fromConditionDraft(d: ConditionDraft): RuleCondition {
  if (d.field === "words")
    return {
      field: "words",
      anyOf: d.words
        .split(",")
        .map((w) => w.trim())
        .filter(Boolean),
    };
  if (d.field === "customerKnown" || d.field === "businessHours" || d.field === "assigned") return { field: d.field, is: d.is };
  return { field: d.field, anyOf: d.values } as RuleCondition;
}

/** The hours of the draft, or null when the amount is not a positive number. */
export function elapsedHours(d: ElapsedDraft): number | null {
  const amount = Number(d.amount.replace(",", "."));
  if (!Number.isFinite(amount) || amount <= 0) return null;
  return d.unit === "days" ? amount * 24 : amount;
}

export const fromElapsedDraft = (d: ElapsedDraft): RuleCondition => ({
  field: "elapsed",
  since: d.since,
  hours: elapsedHours(d) ?? 0,
  businessHours: d.businessHours,
});

export function fromActionDraft(d: ActionDraft): RuleAction {
  switch (d.action) {
    case "route":
      return { action: "route", ...(d.groupId ? { groupId: d.groupId } : {}), ...(d.handlerId ? { handlerId: d.handlerId } : {}) };
    case "routeInTurn":
      return { action: "routeInTurn", groupId: d.groupId };
    case "setPriority":
      return { action: "setPriority", priority: d.value as Priority };
    case "setType":
      return { action: "setType", type: d.value as TicketType, ...(d.typeId ? { typeId: d.typeId } : {}) };
    case "markSensitive":
      return { action: "markSensitive" };
    case "notify":
      return { action: "notify", userIds: d.userIds, groupIds: d.groupIds };
    case "autoReply":
      return { action: "autoReply", templateId: d.value };
    case "addTag":
      return { action: "addTag", tag: d.value.trim() };
    case "forward":
      return { action: "forward", label: d.value.trim() };
    case "setState":
      return { action: "setState", state: d.value as TicketState, ...(d.templateId ? { templateId: d.templateId } : {}) };
    case "setCategory":
      return { action: "setCategory", categoryId: d.value };
    case "setStatus":
      return { action: "setStatus", statusId: d.value };
  }
}

/** Whether the draft names what its action needs. */
export function actionComplete(d: ActionDraft): boolean {
  if (d.action === "route") return Boolean(d.groupId || d.handlerId);
  if (d.action === "routeInTurn") return Boolean(d.groupId);
  if (d.action === "notify") return d.userIds.length + d.groupIds.length > 0;
  if (d.action === "markSensitive") return true;
  return Boolean(d.value.trim());
}

export const nextKey = (list: { key: number }[]) => Math.max(0, ...list.map((x) => x.key + 1));
