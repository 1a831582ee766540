/**
 * The one Leaflet set-up of every map in the web apps (the portal's location picker and feedback
 * map, the console's nearby tickets), loaded only when a map is shown (`@yhteys/web/mapBase`). The base map is raster tiles from the settings' template
 * in Web Mercator (EPSG:3857) or ETRS-TM35FIN (EPSG:3067, the grid of Finnish WMTS services; its
 * projection code loads only for such a map). With no tile URL it draws a plain background and
 * nothing else, so it works without any network beyond the app's own server.
 */
import type { MapSettings } from "@yhteys/contracts";
import { matrixZoom, webMercatorZoom } from "@yhteys/contracts/tileGrid";
import L from "leaflet";
import "leaflet/dist/leaflet.css";

/** Web Mercator tile servers (OpenStreetMap and most XYZ services) go to zoom 19. */
const WEB_MERCATOR_MAX_ZOOM = 19;

type BaseOptions = {
  settings: MapSettings;
  center: { lat: number; lon: number };
  /** In Web Mercator levels, as the settings give it; a map in EPSG:3067 takes its nearest level. */
  zoom: number;
  /** The map's accessible name and the id of the visible instructions. */
  label: string;
  describedBy: string;
  /** Leaflet's own arrow-key panning; off where the arrow keys move a pin instead. */
  keyboard: boolean;
  /** "application" where the map takes the arrow keys itself (the picker); else "region". */
  role: "application" | "region";
};

/** A map of the web apps: Leaflet's map and its zoom in the settings' Web Mercator levels. */
export type BaseMap = {
  map: L.Map;
  /** The map's own zoom level nearest to a Web Mercator zoom at the map's centre. */
  zoomOf: (webMercatorZoom: number) => number;
  /** The map's current zoom in Web Mercator levels (what a clusterer in degrees counts in). */
  webMercatorZoom: () => number;
};

/** Attribution is the admin's plain text; Leaflet shows attributions as HTML. */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** A north-up map, named and described for screen readers; the tiles, if any, in the settings' CRS. */
export async function createBaseMap(container: HTMLElement, options: BaseOptions): Promise<BaseMap> {
  const { settings } = options;
  const matrix = settings.crs === "EPSG:3067" ? settings.tileMatrix : null;
  const crs = matrix ? (await import("./projectedCrs.ts")).tm35finCrs(matrix) : L.CRS.EPSG3857;
  const maxZoom = matrix ? matrix.resolutions.length - 1 : WEB_MERCATOR_MAX_ZOOM;
  const map = L.map(container, {
    crs,
    minZoom: 0,
    maxZoom,
    zoomControl: false,
    attributionControl: false,
    keyboard: options.keyboard,
  });
  map.setView([options.center.lat, options.center.lon], matrix ? matrixZoom(matrix, options.zoom, options.center.lat) : options.zoom);
  if (settings.tileUrl) {
    L.control.attribution({ prefix: false }).addTo(map);
    L.tileLayer(settings.tileUrl, {
      minZoom: 0,
      maxZoom,
      attribution: settings.attribution ? escapeHtml(settings.attribution) : undefined,
    }).addTo(map);
  }
  // The map itself is the keyboard's target (Leaflet makes it focusable only with its own keyboard handler).
  container.tabIndex = 0;
  container.setAttribute("role", options.role);
  container.setAttribute("aria-label", options.label);
  container.setAttribute("aria-roledescription", "map");
  container.setAttribute("aria-describedby", options.describedBy);
  const zoomOf = (zoom: number) => (matrix ? matrixZoom(matrix, zoom, map.getCenter().lat) : Math.min(zoom, maxZoom));
  const currentWebMercatorZoom = () =>
    matrix ? webMercatorZoom(matrix.resolutions[map.getZoom()] ?? 1, map.getCenter().lat) : map.getZoom();
  return { map, zoomOf, webMercatorZoom: currentWebMercatorZoom };
}
