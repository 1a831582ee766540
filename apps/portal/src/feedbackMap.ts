/**
 * The feedback map, loaded only when the resident opens it: published contacts clustered by
 * supercluster for the view. Clusters are bigger circles (no text, so it works with no tiles and
 * no fonts); clicking one zooms in, clicking a point opens it.
 */
import type { MapSettings, PublishedFeedback } from "@yhteys/contracts";
import { createBaseMap } from "@yhteys/web/mapBase";
import L from "leaflet";
import Supercluster from "supercluster";

export type FeedbackMapView = { setItems: (items: PublishedFeedback[]) => void; destroy: () => void };

type Properties = { reference: string; status: string };

const STATUS_COLOURS: Record<string, string> = { resolved: "#26734d", closed: "#5e5c64" };
/** The (Web Mercator) zoom a map focused on one contact opens at: a few blocks around it. */
const FOCUS_ZOOM = 15;
const clusterRadius = (count: number) => (count < 5 ? 14 : count < 20 ? 20 : 28);

export async function createFeedbackMap(
  container: HTMLElement,
  options: {
    settings: MapSettings;
    label: string;
    describedBy: string;
    onOpen: (reference: string) => void;
    /** Where the map opens (one contact's page opens at its point); else the organisation's default view. */
    focus?: { lat: number; lon: number };
  },
): Promise<FeedbackMapView> {
  const { settings } = options;
  const { map, zoomOf, webMercatorZoom } = await createBaseMap(container, {
    settings,
    center: options.focus ?? settings.center,
    zoom: options.focus ? Math.max(settings.zoom, FOCUS_ZOOM) : settings.zoom,
    label: options.label,
    describedBy: options.describedBy,
    keyboard: true,
    role: "region",
  });

  // Radius in screen pixels: supercluster's extent is one 256-pixel tile.
  const index = new Supercluster<Properties>({ radius: 40, extent: 256, maxZoom: 16 });
  const layer = L.layerGroup().addTo(map);

  const draw = () => {
    layer.clearLayers();
    const bounds = map.getBounds();
    const box: [number, number, number, number] = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    for (const feature of index.getClusters(box, Math.round(webMercatorZoom()))) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const properties = feature.properties;
      if ("cluster" in properties && properties.cluster) {
        const clusterId = properties.cluster_id;
        L.circleMarker([lat, lon], {
          radius: clusterRadius(properties.point_count),
          color: "#ffffff",
          weight: 2,
          fillColor: "#1a5fb4",
          fillOpacity: 0.8,
        })
          .on("click", () => map.setView([lat, lon], Math.max(map.getZoom() + 1, zoomOf(index.getClusterExpansionZoom(clusterId)))))
          .addTo(layer);
      } else {
        const { reference, status } = properties as Properties;
        L.circleMarker([lat, lon], {
          radius: 7,
          color: "#ffffff",
          weight: 2,
          fillColor: STATUS_COLOURS[status] ?? "#c64600",
          fillOpacity: 1,
        })
          .on("click", () => options.onOpen(reference))
          .addTo(layer);
      }
    }
  };
  map.on("moveend", draw);

  return {
    setItems(items) {
      index.load(
        items.flatMap((i) =>
          i.location
            ? [
                {
                  type: "Feature" as const,
                  properties: { reference: i.reference, status: i.status },
                  geometry: { type: "Point" as const, coordinates: [i.location.lon, i.location.lat] },
                },
              ]
            : [],
        ),
      );
      draw();
    },
    destroy: () => map.remove(),
  };
}
