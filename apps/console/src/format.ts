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
/**
 * The types a handler may give a ticket, in the organisation's order and names: those in use,
 * and the ticket's own type even when it was switched off.
 */
export const typeChoices = (t: T, language: Language, types: readonly TicketTypeSetting[] | undefined, current: TicketType) =>
  types
    ? types
        .filter((s) => s.active || s.type === current)
        .map((s) => ({ value: s.type, label: s.name ? localize(s.name, language) : typeName(t, s.type) }))
    : ticketTypes.map((type) => ({ value: type, label: typeName(t, type) }));
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
