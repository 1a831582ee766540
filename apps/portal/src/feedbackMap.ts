/**
 * The feedback map, loaded only when the resident opens it: published contacts as a GeoJSON
 * source clustered by MapLibre. Clusters are bigger circles (no text, so no glyph server is
 * needed and it works with no tiles at all); clicking one zooms in, clicking a point opens it.
 */
import type { MapSettings, PublishedFeedback } from "@yhteys/contracts";
import type { GeoJSONSource, GeoJSONSourceSpecification } from "maplibre-gl";
import { createBaseMap } from "./mapBase.ts";

export type FeedbackMapView = { setItems: (items: PublishedFeedback[]) => void; destroy: () => void };

const collection = (items: PublishedFeedback[]): GeoJSONSourceSpecification["data"] => ({
  type: "FeatureCollection",
  features: items
    .filter((i) => i.location)
    .map((i) => ({
      type: "Feature",
      properties: { reference: i.reference, status: i.status },
      geometry: { type: "Point", coordinates: [i.location?.lon ?? 0, i.location?.lat ?? 0] },
    })),
});

export function createFeedbackMap(
  container: HTMLElement,
  options: { settings: MapSettings; label: string; describedBy: string; onOpen: (reference: string) => void },
): FeedbackMapView {
  const { settings } = options;
  const map = createBaseMap(container, {
    settings,
    center: settings.center,
    zoom: settings.zoom,
    label: options.label,
    describedBy: options.describedBy,
    keyboard: true,
  });
  const canvas = map.getCanvas();

  let pending: PublishedFeedback[] = [];
  let loaded = false;
  map.on("load", () => {
    loaded = true;
    map.addSource("feedback", { type: "geojson", data: collection(pending), cluster: true, clusterRadius: 40, clusterMaxZoom: 16 });
    map.addLayer({
      id: "clusters",
      type: "circle",
      source: "feedback",
      filter: ["has", "point_count"],
      paint: {
        "circle-color": "#1a5fb4",
        "circle-opacity": 0.8,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
        "circle-radius": ["step", ["get", "point_count"], 14, 5, 20, 20, 28],
      },
    });
    map.addLayer({
      id: "points",
      type: "circle",
      source: "feedback",
      filter: ["!", ["has", "point_count"]],
      paint: {
        "circle-color": ["match", ["get", "status"], "resolved", "#26734d", "closed", "#5e5c64", "#c64600"],
        "circle-radius": 7,
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
      },
    });
  });
  map.on("click", "clusters", async (event) => {
    const feature = event.features?.[0];
    const source = map.getSource<GeoJSONSource>("feedback");
    if (!feature || !source || feature.geometry.type !== "Point") return;
    const zoom = await source.getClusterExpansionZoom(feature.properties.cluster_id as number);
    map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom });
  });
  map.on("click", "points", (event) => {
    const reference = event.features?.[0]?.properties.reference;
    if (typeof reference === "string") options.onOpen(reference);
  });
  for (const layer of ["clusters", "points"]) {
    map.on("mouseenter", layer, () => {
      canvas.style.cursor = "pointer";
    });
    map.on("mouseleave", layer, () => {
      canvas.style.cursor = "";
    });
  }

  return {
    setItems(items) {
      pending = items;
      if (loaded) map.getSource<GeoJSONSource>("feedback")?.setData(collection(items));
    },
    destroy: () => map.remove(),
  };
}
