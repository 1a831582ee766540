/** A ticket state as a labelled badge; the colour only repeats what the text says. */
import type { TicketState } from "@yhteys/contracts";
import { useI18n } from "./i18n.ts";

export function StatusBadge({ state }: { state: TicketState }) {
  const { t } = useI18n();
  return (
    <span className={`status-badge status-${state}`} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}
