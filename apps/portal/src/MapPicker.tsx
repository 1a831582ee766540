/**
 * The optional map for choosing the spot. Nothing of the map library loads until the resident opens it;
 * the address search stays the primary way, and a device that cannot draw the map says so.
 */
import type { GeoPoint, MapSettings } from "@yhteys/contracts";
import { useLazyMap } from "@yhteys/web";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "./i18n.ts";
import { LazyMapPanel } from "./LazyMap.tsx";

type Props = {
  settings: MapSettings;
  location: GeoPoint | null;
  nearby: GeoPoint[];
  onPick: (point: GeoPoint) => void;
  onMove: () => void;
};

export function MapPicker({ settings, location, nearby, onPick, onMove }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  // The latest callbacks, pin and nearby contacts, for a map created once per opening.
  const latest = useRef({ onPick, onMove, location, nearby });
  latest.current = { onPick, onMove, location, nearby };

  const { state, container, view } = useLazyMap(
    open,
    async (element) => {
      const { createMapView } = await import("./mapView.ts");
      const created = await createMapView(element, {
        settings,
        pin: latest.current.location,
        label: t("map.label"),
        describedBy: "map-instructions",
        onPick: (point) => latest.current.onPick(point),
        onMove: () => latest.current.onMove(),
      });
      created.setNearby(latest.current.nearby);
      return created;
    },
    [settings, t],
  );

  useEffect(() => view.current?.setPin(location), [view, location]);
  useEffect(() => view.current?.setNearby(nearby), [view, nearby]);

  return (
    <LazyMapPanel
      id="map"
      className="map-picker"
      open={open}
      onToggle={() => setOpen(!open)}
      state={state}
      container={container}
      hasTiles={Boolean(settings.tileUrl)}
      texts={{
        open: t("map.open"),
        close: t("map.close"),
        hint: t("map.optional"),
        instructions: t("map.instructions"),
        loading: t("map.loading"),
        failed: t("map.failed"),
        noTiles: t("map.noTiles"),
      }}
    />
  );
}
