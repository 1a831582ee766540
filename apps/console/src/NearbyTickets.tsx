/**
 * Tickets near this one in the ticket view: an accessible list, nearest first, each with its
 * distance and compass direction ("120 m koilliseen"). The list is the primary presentation; a
 * map view can be given as `map` and is drawn above the list from the same answer.
 */
import type { GeoPoint, NearbyTicket, NearbyTicketList, TicketDetail } from "@yhteys/contracts";
import { NEARBY_TICKETS_DEFAULT_METRES } from "@yhteys/contracts/constants";
import { lazy, type ReactNode, Suspense, useCallback, useId, useState } from "react";
import { useAdminList } from "./admin/useAdminList.tsx";
import * as api from "./api.ts";
import { COLLAPSED_ROWS, ShowAllToggle } from "./CustomerHistory.tsx";
import { name, stateName } from "./format.ts";
import { type MessageKey, useI18n } from "./i18n.ts";
import { onLinkClick, ticketPath } from "./router.ts";

const radii = [NEARBY_TICKETS_DEFAULT_METRES, 500, 1000, 2000];
const directions = ["n", "ne", "e", "se", "s", "sw", "w", "nw"] as const;

/** The compass point (of eight) of a bearing in degrees from north. */
export const directionKey = (bearing: number): MessageKey => `direction.${directions[Math.round(bearing / 45) % 8]}` as MessageKey;

/** What a map of the nearby tickets is drawn from: the ticket's location, the radius and the tickets. */
export type NearbyMapProps = { centre: GeoPoint; radius: number; items: NearbyTicket[] };

const NearbyMap = lazy(() => import("./NearbyMap.tsx"));

/** The map for `NearbyTickets`' `map`: Leaflet and the map's code load only when it is first drawn. */
export const nearbyMap = (props: NearbyMapProps) => (
  <Suspense fallback={<NearbyMapLoading />}>
    <NearbyMap {...props} />
  </Suspense>
);

function NearbyMapLoading() {
  const { t } = useI18n();
  return (
    <p className="muted" aria-busy="true">
      {t("app.loading")}
    </p>
  );
}

export function NearbyTickets({ ticket, map }: { ticket: TicketDetail; map?: (props: NearbyMapProps) => ReactNode }) {
  if (!ticket.location) return null;
  return <NearbyPanel ticketId={ticket.id} centre={ticket.location} map={map} />;
}

function NearbyPanel({
  ticketId,
  centre,
  map,
}: {
  ticketId: string;
  centre: GeoPoint;
  map?: ((props: NearbyMapProps) => ReactNode) | undefined;
}) {
  const { t, language, formatDate } = useI18n();
  const radiusId = useId();
  const [radius, setRadius] = useState(NEARBY_TICKETS_DEFAULT_METRES);
  const [expanded, setExpanded] = useState(false);
  const load = useCallback(() => api.nearbyTickets(ticketId, radius), [ticketId, radius]);
  const { data, status } = useAdminList<NearbyTicketList>(load);
  const items = data?.radius === radius ? data.items : [];
  const shown = expanded ? items : items.slice(0, COLLAPSED_ROWS);
  return (
    <section aria-labelledby="nearby-heading" className="panel nearby-tickets">
      <h2 id="nearby-heading">{t("nearby.title")}</h2>
      <p>
        <label htmlFor={radiusId}>{t("nearby.radius")}</label>{" "}
        <select id={radiusId} value={radius} onChange={(e) => setRadius(Number(e.target.value))}>
          {radii.map((r) => (
            <option key={r} value={r}>
              {r} m
            </option>
          ))}
        </select>
      </p>
      {status}
      {data && map?.({ centre, radius: data.radius, items: data.items })}
      {data && (
        <p className="muted" role="status">
          {data.radius !== radius
            ? t("app.loading")
            : items.length === 0
              ? t("nearby.none", { radius })
              : t("nearby.count", { count: items.length, radius })}
        </p>
      )}
      {items.length > 0 && (
        <ol id="nearby-list" className="related-list">
          {shown.map((item) => (
            <li key={item.id}>
              <strong>{t("nearby.distance", { distance: item.distanceMetres, direction: t(directionKey(item.bearingDegrees)) })}</strong>{" "}
              <a href={ticketPath(item.id)} onClick={onLinkClick}>
                {item.reference}
              </a>{" "}
              <span className={`badge state-${item.state}`}>{stateName(t, item.state)}</span>{" "}
              <span className="muted">
                {name(item.category.name, language)}, <time dateTime={item.createdAt}>{formatDate(item.createdAt)}</time>
              </span>
              <br />
              <span>{item.excerpt}</span>
            </li>
          ))}
        </ol>
      )}
      <ShowAllToggle count={items.length} expanded={expanded} onToggle={setExpanded} controls="nearby-list" />
    </section>
  );
}
