/**
 * The location picker's map, loaded only when the resident opens it: the shared base map
 * (mapBase.ts) with a pin moved by click, tap, drag or the arrow keys, and earlier contacts nearby.
 */
import type { GeoPoint, MapSettings } from "@yhteys/contracts";
import { createBaseMap } from "@yhteys/web/mapBase";
import L from "leaflet";

/** What the form does with the map. */
export type MapView = {
  setPin: (point: GeoPoint | null) => void;
  setNearby: (points: GeoPoint[]) => void;
  destroy: () => void;
};

type Options = {
  settings: MapSettings;
  pin: GeoPoint | null;
  /** The map's accessible name and the id of the visible keyboard instructions. */
  label: string;
  describedBy: string;
  /** A point was chosen: by a click or tap, by dragging the pin, or by Enter after arrow keys. */
  onPick: (point: GeoPoint) => void;
  /** The pin moved with the keyboard but is not chosen yet. */
  onMove: () => void;
};

/** Pixels an arrow key moves the pin; with Shift, five times as far. */
const STEP_PX = 12;
/** How close the map comes to a chosen point (a street), in Web Mercator levels. */
const CLOSE_UP_ZOOM = 16;

const toPoint = (latLng: L.LatLng): GeoPoint => ({
  lat: Math.round(latLng.lat * 100_000) / 100_000,
  lon: Math.round(latLng.lng * 100_000) / 100_000,
});

/** A marker for the eye only: the list beside the map and the status text say the same. */
function pinIcon(className: string, size: [number, number], anchor: [number, number]): L.DivIcon {
  return L.divIcon({ className, iconSize: size, iconAnchor: anchor, html: "" });
}
const hide = (marker: L.Marker) => marker.getElement()?.setAttribute("aria-hidden", "true");

/** Creates the map in `container`. */
export async function createMapView(container: HTMLElement, options: Options): Promise<MapView> {
  const { settings } = options;
  const start = options.pin ?? settings.center;
  const { map, zoomOf } = await createBaseMap(container, {
    settings,
    center: start,
    zoom: options.pin ? Math.max(settings.zoom, CLOSE_UP_ZOOM) : settings.zoom,
    label: options.label,
    describedBy: options.describedBy,
    keyboard: false,
    // An application role lets screen readers pass the arrow keys to the map.
    role: "application",
  });

  const pin = L.marker([start.lat, start.lon], { icon: pinIcon("map-pin", [28, 40], [14, 40]), draggable: true, keyboard: false });
  let pinShown = false;
  const showPin = (point: GeoPoint) => {
    pin.setLatLng([point.lat, point.lon]);
    if (!pinShown) {
      pin.addTo(map);
      hide(pin);
    }
    pinShown = true;
  };
  if (options.pin) showPin(options.pin);

  pin.on("dragend", () => options.onPick(toPoint(pin.getLatLng())));
  map.on("click", (event: L.LeafletMouseEvent) => {
    showPin(toPoint(event.latlng));
    options.onPick(toPoint(event.latlng));
  });

  container.addEventListener("keydown", (event) => {
    if (event.target !== container) return;
    const step = event.shiftKey ? STEP_PX * 5 : STEP_PX;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const from = map.latLngToContainerPoint(pinShown ? pin.getLatLng() : map.getCenter());
      const to = map.containerPointToLatLng([from.x + move[0], from.y + move[1]]);
      showPin(toPoint(to));
      // Keep the pin in view: follow it when it nears the edge.
      const { x, y } = map.getSize();
      const p = map.latLngToContainerPoint(to);
      if (p.x < x * 0.15 || p.x > x * 0.85 || p.y < y * 0.15 || p.y > y * 0.85) map.panTo(to, { animate: false });
      options.onMove();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const point = toPoint(pinShown ? pin.getLatLng() : map.getCenter());
      showPin(point);
      options.onPick(point);
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      map.zoomIn(1, { animate: false });
    } else if (event.key === "-") {
      event.preventDefault();
      map.zoomOut(1, { animate: false });
    }
  });

  let nearby: L.Marker[] = [];
  return {
    setPin(point) {
      if (!point) {
        pin.remove();
        pinShown = false;
        return;
      }
      const current = pinShown ? toPoint(pin.getLatLng()) : null;
      if (current?.lat === point.lat && current.lon === point.lon) return;
      showPin(point);
      map.setView([point.lat, point.lon], Math.max(map.getZoom(), zoomOf(CLOSE_UP_ZOOM)), { animate: false });
    },
    setNearby(points) {
      for (const m of nearby) m.remove();
      nearby = points.map((p) => {
        const marker = L.marker([p.lat, p.lon], { icon: pinIcon("map-nearby", [18, 18], [9, 9]), keyboard: false, interactive: false });
        marker.addTo(map);
        hide(marker);
        return marker;
      });
    },
    destroy: () => map.remove(),
  };
}
