/**
 * The one MapLibre set-up that both maps of the portal use (the location picker and the feedback
 * map), loaded only when a map is opened (MapLibre GL is most of its weight). With no style or
 * tile URL configured it draws a plain background and nothing else, so it works without any
 * network beyond the portal's own server.
 */
import type { MapSettings } from "@yhteys/contracts";
import { Map as MapLibreMap, type StyleSpecification, setWorkerUrl } from "maplibre-gl";
import "maplibre-gl/dist/maplibre-gl.css";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";

setWorkerUrl(workerUrl);

const BACKGROUND = "#e9efe6";

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

type BaseOptions = {
  settings: MapSettings;
  center: { lat: number; lon: number };
  zoom: number;
  /** The canvas's accessible name and the id of the visible instructions. */
  label: string;
  describedBy: string;
  /** MapLibre's own arrow-key panning; off where the arrow keys move a pin instead. */
  keyboard: boolean;
};

/** A north-up map with no tilting, named and described for screen readers; throws when the device cannot draw it (no WebGL). */
export function createBaseMap(container: HTMLElement, options: BaseOptions): MapLibreMap {
  const { settings } = options;
  const map = new MapLibreMap({
    container,
    style: styleOf(settings),
    center: [options.center.lon, options.center.lat],
    zoom: options.zoom,
    keyboard: options.keyboard,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    attributionControl: settings.styleUrl || settings.tileUrl ? { compact: false } : false,
    locale: { "Map.Title": options.label },
  });
  map.touchZoomRotate.disableRotation();
  const canvas = map.getCanvas();
  canvas.setAttribute("aria-roledescription", "map");
  canvas.setAttribute("aria-describedby", options.describedBy);
  return map;
}
