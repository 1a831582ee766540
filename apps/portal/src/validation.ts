/** Checks the form before sending, builds the submission, and maps the server's field errors onto the form. */
import type { Category, ContactSubmission, ExtraFieldDefinition, ExtraFieldValues, Language, TypeChoice } from "@yhteys/contracts";
import { localize, typeSelection } from "@yhteys/contracts/constants";
import type { ExtraAnswer, FormValues } from "./draft.ts";
import type { MessageKey } from "./i18n.ts";

export const DESCRIPTION_MAX = 5000;

/** One problem: `key` is where the message is shown, `target` the id of the element the summary links to. */
export type FormError = { key: string; target: string; message: string };

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export const extraFieldId = (code: string) => `extra-${code}`;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const parseNumber = (text: string): number => Number(text.trim().replace(",", ".").replace(/\s/g, ""));

const isEmpty = (value: ExtraAnswer | undefined) =>
  value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === "");

function extraError(def: ExtraFieldDefinition, value: ExtraAnswer | undefined, language: Language, t: T): string | null {
  const label = localize(def.label, language);
  if (isEmpty(value)) return def.required ? t("errors.extraRequired", { label }) : null;
  if (def.type === "number" && typeof value === "string" && !Number.isFinite(parseNumber(value))) return t("errors.extraNumber", { label });
  if (def.type === "date" && typeof value === "string" && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
    return t("errors.extraDate", { label });
  if (def.type === "string" && typeof value === "string" && value.length > 200) return t("errors.extraInvalid", { label });
  return null;
}

function descriptionError(description: string, t: T): string | null {
  const text = description.trim();
  if (!text) return t("errors.descriptionRequired");
  if (text.length < 3) return t("errors.descriptionShort");
  if (text.length > DESCRIPTION_MAX) return t("errors.descriptionLong");
  return null;
}

/** All problems in the order the fields appear on the page. */
export function validate(values: FormValues, category: Category | undefined, language: Language, t: T): FormError[] {
  const errors: FormError[] = [];
  const add = (key: string, message: string | null, target = key) => {
    if (message) errors.push({ key, target, message });
  };
  add("category", category ? null : t("errors.categoryRequired"));
  for (const def of category?.extraFields ?? [])
    add(extraFieldId(def.code), extraError(def, values.extra[category?.id ?? ""]?.[def.code], language, t));
  add("description", descriptionError(values.description, t));
  add("address", values.address.trim().length > 200 ? t("errors.addressLong") : null);
  if (values.wantsReply) {
    add("name", values.name.trim().length > 120 ? t("errors.nameLong") : null);
    const email = values.email.trim();
    const phone = values.phone.trim();
    if (!email && !phone) add("contact", t("errors.contactRequired"), "email");
    add("email", email && !EMAIL.test(email) ? t("errors.emailInvalid") : null);
    add("phone", phone && !PHONE.test(phone) ? t("errors.phoneInvalid") : null);
  }
  return errors;
}

function extraValue(def: ExtraFieldDefinition, value: ExtraAnswer | undefined): ExtraFieldValues[string] | undefined {
  if (isEmpty(value) || value === undefined) return undefined;
  if (Array.isArray(value)) return def.type === "multivaluelist" ? value : undefined;
  switch (def.type) {
    case "number":
      return parseNumber(value);
    case "boolean":
      return value === "yes";
    case "multivaluelist":
      return [value];
    default:
      return value.trim();
  }
}

/** The JSON body for POST /api/public/{org}/contacts. */
export function toSubmission(values: FormValues, category: Category, language: Language, types: TypeChoice[]): ContactSubmission {
  const extraFields: ExtraFieldValues = {};
  const answers = values.extra[category.id] ?? {};
  for (const def of category.extraFields) {
    const value = extraValue(def, answers[def.code]);
    if (value !== undefined) extraFields[def.code] = value;
  }
  const text = (s: string) => s.trim() || undefined;
  return {
    categoryId: category.id,
    ...typeSelection(types, values.type),
    description: values.description.trim(),
    language,
    ...(values.location ? { location: values.location } : {}),
    ...(text(values.address) ? { address: text(values.address) } : {}),
    extraFields,
    wantsReply: values.wantsReply,
    ...(values.wantsReply ? { contact: { name: text(values.name), email: text(values.email), phone: text(values.phone) } } : {}),
    // The form always asks, so an unticked box is a "no".
    publishConsent: values.publishConsent,
    ...(values.website ? { website: values.website } : {}),
  };
}

/** Maps problem+json field errors (paths like `body.contact.email` or `extraFields.lamp_state`) onto the form. */
export function fromServerErrors(
  problems: { path: string; message: string }[],
  values: FormValues,
  category: Category | undefined,
  language: Language,
  t: T,
): FormError[] {
  const errors = new Map<string, FormError>();
  const add = (key: string, message: string, target = key) => {
    if (!errors.has(key)) errors.set(key, { key, target, message });
  };
  for (const { path, message } of problems) {
    const parts = path.split(".").filter((p) => p !== "body");
    const [head, sub] = parts;
    if (head === "categoryId") add("category", t("errors.categoryRequired"));
    else if (head === "type" || head === "typeId") add("type", t("errors.fieldInvalid"));
    else if (head === "description") add("description", descriptionError(values.description, t) ?? t("errors.fieldInvalid"));
    else if (head === "address") add("address", t("errors.addressLong"));
    else if (head === "location") add("location", t("errors.fieldInvalid"), "use-location");
    else if (head === "contact" && sub === "email") add("email", t("errors.emailInvalid"));
    else if (head === "contact" && sub === "phone") add("phone", t("errors.phoneInvalid"));
    else if (head === "contact" && sub === "name") add("name", t("errors.nameLong"));
    else if (head === "contact") add("contact", t("errors.contactRequired"), "email");
    else if (head === "extraFields" && sub) {
      const def = category?.extraFields.find((d) => d.code === sub);
      if (!def) continue;
      const label = localize(def.label, language);
      add(extraFieldId(sub), message === "required" ? t("errors.extraRequired", { label }) : t("errors.extraInvalid", { label }));
    }
  }
  return [...errors.values()];
}
