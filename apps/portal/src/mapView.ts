/**
 * The location picker's map, loaded only when the resident opens it: the shared base map
 * (mapBase.ts) with a pin moved by click, tap, drag or the arrow keys, and earlier contacts nearby.
 */
import type { GeoPoint, MapSettings } from "@yhteys/contracts";
import { Marker } from "maplibre-gl";
import { createBaseMap } from "./mapBase.ts";

/** What the form does with the map. */
export type MapView = {
  setPin: (point: GeoPoint | null) => void;
  setNearby: (points: GeoPoint[]) => void;
  destroy: () => void;
};

type Options = {
  settings: MapSettings;
  pin: GeoPoint | null;
  /** The canvas's accessible name and the id of the visible keyboard instructions. */
  label: string;
  describedBy: string;
  /** A point was chosen: by a click or tap, by dragging the pin, or by Enter after arrow keys. */
  onPick: (point: GeoPoint) => void;
  /** The pin moved with the keyboard but is not chosen yet. */
  onMove: () => void;
};

/** Pixels an arrow key moves the pin; with Shift, five times as far. */
const STEP_PX = 12;

const toPoint = (lngLat: { lat: number; lng: number }): GeoPoint => ({
  lat: Math.round(lngLat.lat * 100_000) / 100_000,
  lon: Math.round(lngLat.lng * 100_000) / 100_000,
});

function pinElement(className: string): HTMLElement {
  const el = document.createElement("div");
  el.className = className;
  // The list beside the map and the status text say the same; the pins are for the eye only.
  el.setAttribute("aria-hidden", "true");
  return el;
}

/** Creates the map in `container`; throws when the device cannot draw it (no WebGL). */
export function createMapView(container: HTMLElement, options: Options): MapView {
  const { settings } = options;
  const start = options.pin ?? settings.center;
  const map = createBaseMap(container, {
    settings,
    center: start,
    zoom: options.pin ? Math.max(settings.zoom, 16) : settings.zoom,
    label: options.label,
    describedBy: options.describedBy,
    keyboard: false,
  });
  const canvas = map.getCanvas();
  // An application role lets screen readers pass the arrow keys to the map.
  canvas.setAttribute("role", "application");

  const pin = new Marker({ element: pinElement("map-pin"), draggable: true, anchor: "bottom" });
  let pinShown = false;
  const showPin = (point: GeoPoint) => {
    pin.setLngLat([point.lon, point.lat]);
    if (!pinShown) pin.addTo(map);
    pinShown = true;
  };
  if (options.pin) showPin(options.pin);

  pin.on("dragend", () => options.onPick(toPoint(pin.getLngLat())));
  map.on("click", (event) => {
    showPin(toPoint(event.lngLat));
    options.onPick(toPoint(event.lngLat));
  });

  canvas.addEventListener("keydown", (event) => {
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
      const from = map.project(pinShown ? pin.getLngLat() : map.getCenter());
      const to = map.unproject([from.x + move[0], from.y + move[1]]);
      showPin(toPoint(to));
      // Keep the pin in view: follow it when it nears the edge.
      const { width, height } = canvas.getBoundingClientRect();
      const p = map.project(to);
      if (p.x < width * 0.15 || p.x > width * 0.85 || p.y < height * 0.15 || p.y > height * 0.85) map.panTo(to, { duration: 0 });
      options.onMove();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const point = toPoint(pinShown ? pin.getLngLat() : map.getCenter());
      showPin(point);
      options.onPick(point);
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      map.zoomIn({ duration: 0 });
    } else if (event.key === "-") {
      event.preventDefault();
      map.zoomOut({ duration: 0 });
    }
  });

  let nearby: Marker[] = [];
  return {
    setPin(point) {
      if (!point) {
        pin.remove();
        pinShown = false;
        return;
      }
      const current = pinShown ? toPoint(pin.getLngLat()) : null;
      if (current?.lat === point.lat && current.lon === point.lon) return;
      showPin(point);
      map.jumpTo({ center: [point.lon, point.lat], zoom: Math.max(map.getZoom(), 16) });
    },
    setNearby(points) {
      for (const m of nearby) m.remove();
      nearby = points.map((p) => new Marker({ element: pinElement("map-nearby") }).setLngLat([p.lon, p.lat]).addTo(map));
    },
    destroy: () => map.remove(),
  };
}
