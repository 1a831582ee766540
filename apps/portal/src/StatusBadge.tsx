/**
 * A ticket state as a labelled badge; the colour only repeats what the text says. `statusName` is
 * the public name the city gave the step of its workflow, shown instead of the state's name.
 */
import type { LocalizedText, TicketState } from "@yhteys/contracts";
import { localize } from "@yhteys/contracts/constants";
import { useI18n } from "./i18n.ts";

export function StatusBadge({ state, statusName }: { state: TicketState; statusName?: LocalizedText | null | undefined }) {
  const { t, language } = useI18n();
  return (
    <span className={`status-badge status-${state}`} data-state={state}>
      {statusName ? localize(statusName, language) : t(`state.${state}`)}
    </span>
  );
}
