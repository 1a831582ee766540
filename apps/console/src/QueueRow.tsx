/** A row of a queue's table; `selected` is given when bulk actions are on (a checkbox per row). */
import type { TicketRow } from "@yhteys/contracts";
import type { ReactNode } from "react";
import { channelName, name, priorityName, stateName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { onLinkClick, ticketPath } from "./router.ts";
import { nextTarget, SlaBadge } from "./SlaBadge.tsx";

export function QueueRow({ row, selected, onSelect }: { row: TicketRow; selected: boolean | undefined; onSelect: (on: boolean) => void }) {
  const { t, language, formatDateTime } = useI18n();
  return (
    <tr className={`priority-${row.priority}`}>
      {selected !== undefined && (
        <td className="select">
          <input
            type="checkbox"
            aria-label={t("bulk.select", { reference: row.reference })}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        </td>
      )}
      <th scope="row">
        <a href={ticketPath(row.id)} onClick={onLinkClick}>
          {row.reference}
        </a>
      </th>
      <td className="summary">
        <Matched text={row.summary} matches={row.summaryMatches} />
        {row.address && <span className="address">{row.address}</span>}
      </td>
      <td>{name(row.category.name, language)}</td>
      <td>
        <span className={`badge state-${row.state}`}>{row.statusName ? name(row.statusName, language) : stateName(t, row.state)}</span>
        {row.sensitive && <span className="badge sensitive">{t("sensitive.badge")}</span>}
        {row.tags.map((tag) => (
          <span key={tag} className="badge tag">
            #{tag}
          </span>
        ))}
      </td>
      <td>
        <span className={`priority priority-${row.priority}`}>{priorityName(t, row.priority)}</span>
      </td>
      <td>{channelName(t, row.channel)}</td>
      <td>
        {row.group ? name(row.group.name, language) : t("ticket.noGroup")}
        {row.handler && <span className="handler">{row.handler.name}</span>}
      </td>
      <td className="nowrap">
        <time dateTime={row.createdAt}>{formatDateTime(row.createdAt)}</time>
      </td>
      <td className="nowrap">
        <SlaBadge clock={nextTarget(row.sla)} />
      </td>
    </tr>
  );
}

/** A search result's summary with the words that matched the search marked. */
function Matched({ text, matches = [] }: { text: string; matches?: [number, number][] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of matches) {
    parts.push(text.slice(at, start), <mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
