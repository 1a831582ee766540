/**
 * The few runtime values the browser needs from @yhteys/contracts, without the zod schemas that
 * come with the package (zod would double the first load). vite.config.ts points
 * "@yhteys/contracts" here for the bundle only; TypeScript still checks everything against the
 * real package, and the `satisfies` clauses fail the typecheck if the two drift apart.
 */
import type * as contracts from "@yhteys/contracts";

export const languages = ["fi", "sv", "en"] as const satisfies typeof contracts.languages;
export const ticketTypes = ["feedback", "question", "fault_report", "service_request"] as const satisfies typeof contracts.ticketTypes;
export const ticketStates = [
  "new",
  "in_progress",
  "waiting_for_customer",
  "resolved",
  "closed_unnecessary",
] as const satisfies typeof contracts.ticketStates;

export const localize: typeof contracts.localize = (text, language) => text[language] || text.fi;
