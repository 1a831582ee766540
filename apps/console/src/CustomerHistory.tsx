/**
 * The customer's other contacts (same email or phone) in the ticket view: newest first, the first
 * five shown and the rest behind a button. Only for roles that see customers; none for anonymous tickets.
 */
import type { CustomerTicketList, TicketDetail } from "@yhteys/contracts";
import { useCallback, useState } from "react";
import { useAdminList } from "./admin/useAdminList.tsx";
import * as api from "./api.ts";
import { channelName, name, stateName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { onLinkClick, ticketPath } from "./router.ts";

/** Rows shown before the rest is opened. */
export const COLLAPSED_ROWS = 5;

export function CustomerHistory({ ticket }: { ticket: TicketDetail }) {
  // The panel belongs with the customer's details: no customer shown, no panel.
  if (!ticket.customer || (!ticket.customer.email && !ticket.customer.phone)) return null;
  return <CustomerHistoryPanel ticketId={ticket.id} />;
}

function CustomerHistoryPanel({ ticketId }: { ticketId: string }) {
  const { t, language, formatDate } = useI18n();
  const load = useCallback(() => api.customerTickets(ticketId), [ticketId]);
  const { data, status } = useAdminList<CustomerTicketList>(load);
  const [expanded, setExpanded] = useState(false);
  if (data && !data.matched) return null;
  const shown = data ? (expanded ? data.items : data.items.slice(0, COLLAPSED_ROWS)) : [];
  return (
    <section aria-labelledby="customer-tickets-heading" className="panel customer-tickets">
      <h2 id="customer-tickets-heading">{t("customerTickets.title")}</h2>
      {status}
      {data && data.items.length === 0 && <p className="muted">{t("customerTickets.none")}</p>}
      {data && data.items.length > 0 && (
        <>
          <table id="customer-tickets-table" className="tickets">
            <caption className="visually-hidden">{t("customerTickets.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.reference")}</th>
                <th scope="col">{t("field.created")}</th>
                <th scope="col">{t("field.category")}</th>
                <th scope="col">{t("field.state")}</th>
                <th scope="col">{t("field.channel")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={ticketPath(item.id)} onClick={onLinkClick}>
                      {item.reference}
                    </a>
                  </th>
                  <td>
                    <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
                  </td>
                  <td>{name(item.category.name, language)}</td>
                  <td>
                    <span className={`badge state-${item.state}`}>{stateName(t, item.state)}</span>
                  </td>
                  <td>{channelName(t, item.channel)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ShowAllToggle count={data.items.length} expanded={expanded} onToggle={setExpanded} controls="customer-tickets-table" />
          {data.more > 0 && <p className="muted">{t("customerTickets.more", { count: data.more })}</p>}
        </>
      )}
    </section>
  );
}

/** Opens and closes the rows past the first five of a list or table (`controls` is its id); nothing for a short one. */
export function ShowAllToggle(props: { count: number; expanded: boolean; onToggle: (expanded: boolean) => void; controls: string }) {
  const { t } = useI18n();
  if (props.count <= COLLAPSED_ROWS) return null;
  return (
    <button
      type="button"
      className="link-button"
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      onClick={() => props.onToggle(!props.expanded)}
    >
      {props.expanded ? t("context.showFewer") : t("context.showAll", { count: props.count })}
    </button>
  );
}
