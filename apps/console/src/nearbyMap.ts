/**
 * The map of the tickets near a ticket, drawn with the web apps' one Leaflet set-up
 * (`@yhteys/web/mapBase`: the organisation's base map, or a plain background without tiles).
 * The ticket itself is a labelled pin, the search radius a circle, and each nearby ticket a marker
 * whose shape and colour both say whether it is open (circle) or finished (diamond). Markers are
 * focusable buttons named by their text; a click, Enter or Space opens that ticket.
 */
import type { GeoPoint, MapSettings, NearbyTicket, TicketState } from "@yhteys/contracts";
import { finishedStates } from "@yhteys/contracts/constants";
import { createBaseMap } from "@yhteys/web/mapBase";
import L from "leaflet";

export type NearbyMapView = { draw: (radius: number, items: NearbyTicket[]) => void; destroy: () => void };

/** How a nearby ticket is drawn: open tickets as circles, finished (resolved or closed) as diamonds. */
export const markerKind = (state: TicketState): "open" | "finished" => (finishedStates.includes(state) ? "finished" : "open");

/** The marker's drawn shape: an inner element, since Leaflet positions the icon itself with a transform that a rotation would turn. */
const SHAPE = "<span></span>";

type Options = {
  settings: MapSettings;
  centre: GeoPoint;
  label: string;
  describedBy: string;
  /** The visible label of the ticket's own pin. */
  ownLabel: string;
  /** A nearby ticket's accessible name (reference, state, distance). */
  markerLabel: (item: NearbyTicket) => string;
  onOpen: (item: NearbyTicket) => void;
};

export async function createNearbyMap(container: HTMLElement, options: Options): Promise<NearbyMapView> {
  const { centre } = options;
  const { map } = await createBaseMap(container, {
    settings: options.settings,
    center: centre,
    zoom: 15,
    label: options.label,
    describedBy: options.describedBy,
    keyboard: true,
    role: "region",
  });
  L.marker([centre.lat, centre.lon], {
    icon: L.divIcon({ className: "nearby-own", html: SHAPE, iconSize: [24, 24], iconAnchor: [12, 24] }),
    interactive: false,
    keyboard: false,
    zIndexOffset: 1000,
  })
    .bindTooltip(options.ownLabel, { permanent: true, direction: "top", offset: [0, -24], className: "nearby-own-label" })
    .addTo(map);
  const layer = L.layerGroup().addTo(map);

  return {
    draw(radius, items) {
      layer.clearLayers();
      const circle = L.circle([centre.lat, centre.lon], { radius, interactive: false, className: "nearby-radius" }).addTo(layer);
      map.fitBounds(circle.getBounds(), { padding: [16, 16] });
      for (const item of items) {
        const label = options.markerLabel(item);
        const marker = L.marker([item.location.lat, item.location.lon], {
          icon: L.divIcon({ className: `nearby-marker nearby-marker-${markerKind(item.state)}`, html: SHAPE, iconSize: [18, 18] }),
          title: label,
          keyboard: true,
        })
          .on("click", () => options.onOpen(item))
          .on("keydown", (event) => {
            const key = (event.originalEvent as KeyboardEvent).key;
            if (key !== "Enter" && key !== " ") return;
            event.originalEvent.preventDefault();
            options.onOpen(item);
          })
          .addTo(layer);
        marker.getElement()?.setAttribute("aria-label", label);
      }
    },
    destroy: () => map.remove(),
  };
}
