/**
 * A category form's server errors in the admin's language: the messages the server sends for
 * extra fields, codes and moves, what a refused delete names, and each field's name by its API path.
 */
import type { useI18n } from "../i18n.ts";

type T = ReturnType<typeof useI18n>["t"];

/** Server messages the admin reads in their own language; others are shown as they come. */
const knownMessages: [RegExp, Parameters<T>[0]][] = [
  [/used twice/, "categories.error.usedTwice"],
  [/at least one option/, "categories.error.optionsNeeded"],
  [/only list fields/, "categories.error.noOptions"],
  [/already in use/, "categories.error.codeTaken"],
  [/under itself/, "categories.error.cycle"],
  [/not a group/, "categories.error.group"],
  [/too small|required/i, "admin.required"],
  [/pattern|lower-case letters/i, "categories.error.format"],
];
export const messageOf = (t: T, message: string) => {
  const known = knownMessages.find(([pattern]) => pattern.test(message));
  return known ? t(known[1]) : message;
};

/** What refers to a category, as a refused delete names it (`errors[].message` with the path `category`). */
const referenceKeys: Record<string, Parameters<T>[0]> = {
  subcategories: "categories.ref.subcategories",
  tickets: "categories.ref.tickets",
  "automation rules": "categories.ref.rules",
  "SLA policies": "categories.ref.sla",
  notices: "categories.ref.notices",
  "FAQ entries": "categories.ref.faq",
  mailboxes: "categories.ref.mailboxes",
  "inbound channels": "categories.ref.channels",
  "Open311 routes": "categories.ref.open311",
  "API clients": "categories.ref.apiClients",
};
export const referenceName = (t: T, what: string) => {
  const key = referenceKeys[what];
  return key ? t(key) : what;
};

/** A field's name in the error summary, by its API path. */
export function labelOf(t: T, path: string): string {
  const parts = path.split(".");
  const [head, second, third, fourth, fifth] = parts;
  const lang = (prefix: string, l: string | undefined) => t(`${prefix}.${l === "sv" || l === "en" ? l : "fi"}` as Parameters<T>[0]);
  if (head === "name") return lang("admin.groupName", second);
  if (head === "description") return lang("categories.description", second);
  if (head !== "extraFields" || second === undefined) return t(`categories.${head}` as Parameters<T>[0]);
  const field = t("categories.field", { n: Number(second) + 1 });
  if (third === "code") return `${field} – ${t("categories.fieldCode")}`;
  if (third === "label" || third === "help") return `${field} – ${lang(`categories.${third}`, fourth)}`;
  if (third === "options" && fourth !== undefined) {
    const option = t("categories.option", { n: Number(fourth) + 1 });
    return `${field} – ${option} – ${fifth === "key" ? t("categories.optionKey") : t("categories.optionLabel")}`;
  }
  if (third === "options") return `${field} – ${t("categories.options")}`;
  return field;
}
