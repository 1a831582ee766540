/** A service-level target: its status as a badge and its due time. */
import type { TicketSla } from "@yhteys/contracts";
import { slaName } from "./format.ts";
import { useI18n } from "./i18n.ts";

type Clock = TicketSla["firstResponse"];

export function SlaBadge({ clock }: { clock: Clock }) {
  const { t, formatDateTime } = useI18n();
  if (clock.status === "none" || !clock.dueAt) return <span className="muted">{slaName(t, "none")}</span>;
  return (
    <span className="sla">
      <span className={`badge sla-${clock.status}`}>{slaName(t, clock.status)}</span>{" "}
      <time dateTime={clock.dueAt}>{formatDateTime(clock.dueAt)}</time>
    </span>
  );
}

/** The target a queue shows for a ticket: the first response until it is given, then the resolution. */
export const nextTarget = (sla: TicketSla): Clock => (sla.firstResponse.status === "met" ? sla.resolution : sla.firstResponse);
