/** Localized names for the enums and objects the console shows. */
import type {
  Channel,
  Language,
  LocalizedText,
  Priority,
  Role,
  SlaStatus,
  TicketState,
  TicketType,
  TicketTypeSetting,
} from "@yhteys/contracts";
import { localize, ticketTypes } from "@yhteys/contracts/constants";
import type { T } from "./i18n.ts";

export const stateName = (t: T, state: TicketState) => t(`state.${state}`);
export const priorityName = (t: T, priority: Priority) => t(`priority.${priority}`);
export const typeName = (t: T, type: TicketType) => t(`type.${type}`);
export const channelName = (t: T, channel: Channel) => t(`channel.${channel}`);
export const slaName = (t: T, status: SlaStatus) => t(`sla.${status}`);
export const roleName = (t: T, role: Role) => t(`role.${role}`);
export const languageName = (t: T, language: Language) => t(`language.${language}`);
/** A type's name as the organisation set it, else the standard name of its kind. */
export const settingName = (t: T, language: Language, s: { name?: LocalizedText | null; type: TicketType }) =>
  s.name ? localize(s.name, language) : typeName(t, s.type);
/** The organisation's type of a ticket: an added type by id, else the built-in type of its kind. */
const typeOf = (types: readonly TicketTypeSetting[] | undefined, ticket: TicketTypeRef) =>
  types?.find((s) => (ticket.typeId ? s.id === ticket.typeId : s.builtIn && s.type === ticket.type));
type TicketTypeRef = { type: TicketType; typeId?: string | null | undefined };
/** The organisation's name of a ticket's type. */
export const ticketTypeName = (t: T, language: Language, types: readonly TicketTypeSetting[] | undefined, ticket: TicketTypeRef) =>
  settingName(t, language, typeOf(types, ticket) ?? ticket);
/** The key of a ticket's type (a built-in type's key is its kind), as the type choices name it. */
export const ticketTypeKey = (types: readonly TicketTypeSetting[] | undefined, ticket: TicketTypeRef) =>
  typeOf(types, ticket)?.key ?? ticket.type;
/** A type as rules name it: a base kind for a built-in type (it matches every type of the kind), an id for an added one. */
export const ruleTypeValue = (s: TicketTypeSetting) => (s.builtIn ? s.type : (s.id ?? s.key));
/** The name of a type a rule names (see `ruleTypeValue`). */
export function ruleTypeName(t: T, language: Language, types: readonly TicketTypeSetting[] | undefined, value: string) {
  const s = types?.find((x) => ruleTypeValue(x) === value);
  if (s) return settingName(t, language, s);
  return (ticketTypes as readonly string[]).includes(value) ? typeName(t, value as TicketType) : t("rules.unknown");
}
/**
 * The types a handler may give a ticket by key, in the organisation's order and names: those in
 * use, and the ticket's own type even when it was switched off.
 */
export const typeChoices = (t: T, language: Language, types: readonly TicketTypeSetting[] | undefined, currentKey: string) =>
  types
    ? types.filter((s) => s.active || s.key === currentKey).map((s) => ({ value: s.key, label: settingName(t, language, s) }))
    : ticketTypes.map((type) => ({ value: type as string, label: typeName(t, type) }));
export const name = (text: LocalizedText | null | undefined, language: Language) => (text ? localize(text, language) : "");

/** Message text for an API failure (problem+json or a network error). */
export function errorText(t: T, error: unknown): string {
  if (error && typeof error === "object" && "status" in error) {
    const e = error as { status: number; problem: { code?: string; detail?: string } | null };
    switch (e.problem?.code) {
      case "forbidden":
        return t("error.forbidden");
      case "invalid_transition":
        return t("error.invalidTransition");
      case "validation_failed":
        return t("error.validation");
      case "not_found":
        return t("error.notFound");
    }
    return t("error.generic", { status: e.status });
  }
  return t("error.network");
}
