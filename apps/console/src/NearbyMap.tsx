/**
 * The map above the list of nearby tickets, loaded with React.lazy only when a located ticket's
 * panel has its answer (Leaflet stays out of the console's first load). It draws the same answer
 * as the list, on the organisation's base map (`GET /api/staff/map`); the list stays the
 * accessible alternative, and the hint under the map says how the markers differ.
 */
import type { MapSettings } from "@yhteys/contracts";
import { useLazyMap } from "@yhteys/web";
import { useEffect, useId, useState } from "react";
import * as api from "./api.ts";
import { stateName } from "./format.ts";
import { useI18n } from "./i18n.ts";
import { directionKey, type NearbyMapProps } from "./NearbyTickets.tsx";
import { createNearbyMap } from "./nearbyMap.ts";
import { navigate, ticketPath } from "./router.ts";
import "./nearbyMap.css";

export default function NearbyMap({ centre, radius, items }: NearbyMapProps) {
  const { t } = useI18n();
  const hintId = useId();
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    api
      .mapSettings()
      .then(setSettings)
      .catch(() => setUnavailable(true));
  }, []);
  const { state, container, view } = useLazyMap(
    settings !== null,
    async (element) => {
      if (!settings) throw new Error("The map opens only once its settings are read");
      return createNearbyMap(element, {
        settings,
        centre,
        label: t("nearby.mapLabel"),
        describedBy: hintId,
        ownLabel: t("nearby.mapHere"),
        markerLabel: (item) =>
          t("nearby.mapMarker", {
            reference: item.reference,
            state: stateName(t, item.state),
            distance: t("nearby.distance", { distance: item.distanceMetres, direction: t(directionKey(item.bearingDegrees)) }),
          }),
        onOpen: (item) => navigate(ticketPath(item.id)),
      });
    },
    [settings, centre.lat, centre.lon, t],
  );
  useEffect(() => {
    if (state === "ready") view.current?.draw(radius, items);
  }, [state, view, radius, items]);

  const failed = unavailable || state === "failed";
  return (
    <div className="nearby-map">
      {failed ? (
        <p className="muted">{t("nearby.mapFailed")}</p>
      ) : (
        state === "loading" && (
          <p className="muted" aria-busy="true">
            {t("app.loading")}
          </p>
        )
      )}
      <div ref={container} className="nearby-map-canvas" hidden={failed} />
      {!failed && (
        <p id={hintId} className="muted">
          {t("nearby.mapHint")}
        </p>
      )}
    </div>
  );
}
