/**
 * The location map, loaded only when the resident opens it (MapLibre GL is most of its weight).
 * With no style or tile URL configured it draws a plain background, the pins and nothing else,
 * so it works without any network beyond the portal's own server.
 */
import type { GeoPoint, MapSettings } from "@yhteys/contracts";
import { Map as MapLibreMap, Marker, type StyleSpecification, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";

setWorkerUrl(workerUrl);

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

const BACKGROUND = "#e9efe6";
/** Pixels an arrow key moves the pin; with Shift, five times as far. */
const STEP_PX = 12;

export function styleOf(settings: MapSettings): StyleSpecification | string {
  if (settings.styleUrl) return settings.styleUrl;
  const background = { id: "background", type: "background" as const, paint: { "background-color": BACKGROUND } };
  if (!settings.tileUrl) return { version: 8, sources: {}, layers: [background] };
  return {
    version: 8,
    sources: {
      base: {
        type: "raster",
        tiles: [settings.tileUrl],
        tileSize: 256,
        maxzoom: 19,
        ...(settings.attribution ? { attribution: settings.attribution } : {}),
      },
    },
    layers: [background, { id: "base", type: "raster", source: "base" }],
  };
}

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
  const map = new MapLibreMap({
    container,
    style: styleOf(settings),
    center: [start.lon, start.lat],
    zoom: options.pin ? Math.max(settings.zoom, 16) : settings.zoom,
    keyboard: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    attributionControl: settings.styleUrl || settings.tileUrl ? { compact: false } : false,
    locale: { "Map.Title": options.label },
  });
  map.touchZoomRotate.disableRotation();

  const canvas = map.getCanvas();
  // An application role lets screen readers pass the arrow keys to the map.
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "map");
  canvas.setAttribute("aria-describedby", options.describedBy);

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
