/**
 * The optional map for choosing the spot. Nothing of MapLibre loads until the resident opens it;
 * the address search stays the primary way, and a device that cannot draw the map says so.
 */
import type { GeoPoint, MapSettings } from "@yhteys/contracts";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "./i18n.ts";
import type { MapView } from "./mapView.ts";

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
  const [state, setState] = useState<"loading" | "ready" | "failed">("loading");
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<MapView | null>(null);
  // The latest callbacks, pin and nearby contacts, for a map created once per opening.
  const latest = useRef({ onPick, onMove, location, nearby });
  latest.current = { onPick, onMove, location, nearby };

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setState("loading");
    import("./mapView.ts")
      .then(({ createMapView }) => {
        if (cancelled || !container.current) return;
        view.current = createMapView(container.current, {
          settings,
          pin: latest.current.location,
          label: t("map.label"),
          describedBy: "map-instructions",
          onPick: (point) => latest.current.onPick(point),
          onMove: () => latest.current.onMove(),
        });
        view.current.setNearby(latest.current.nearby);
        setState("ready");
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      view.current?.destroy();
      view.current = null;
    };
  }, [open, settings, t]);

  useEffect(() => view.current?.setPin(location), [location]);
  useEffect(() => view.current?.setNearby(nearby), [nearby]);

  return (
    <div className="map-picker">
      <button
        type="button"
        className="button button-secondary"
        aria-expanded={open}
        aria-controls="map-panel"
        onClick={() => setOpen(!open)}
      >
        {open ? t("map.close") : t("map.open")}
      </button>
      <p className="hint">{t("map.optional")}</p>
      <div id="map-panel" hidden={!open}>
        {open && (
          <>
            <p id="map-instructions" className="hint">
              {t("map.instructions")}
            </p>
            {state === "loading" && <p role="status">{t("map.loading")}</p>}
            {state === "failed" && <p className="location-status-warning">{t("map.failed")}</p>}
            <div ref={container} className="map-canvas" hidden={state === "failed"} />
            {state === "ready" && !settings.styleUrl && !settings.tileUrl && <p className="hint">{t("map.noTiles")}</p>}
          </>
        )}
      </div>
    </div>
  );
}
