/**
 * ETRS-TM35FIN (EPSG:3067) for Leaflet, with proj4 (through proj4leaflet): loaded only for a base
 * map in that grid, since a Web Mercator map needs no projection code.
 */
import type { TileMatrix } from "@yhteys/contracts";
import { ETRS_TM35FIN_PROJ4, JHS180_BOUNDS } from "@yhteys/contracts/tileGrid";
import L from "leaflet";
import "proj4leaflet";

/** The CRS of a WMTS tile matrix set in ETRS-TM35FIN; tiles outside Finland's extent are not asked for. */
export function tm35finCrs(matrix: TileMatrix): L.CRS {
  return new L.Proj.CRS("EPSG:3067", ETRS_TM35FIN_PROJ4, {
    origin: matrix.origin,
    resolutions: matrix.resolutions,
    bounds: L.bounds([...JHS180_BOUNDS.min], [...JHS180_BOUNDS.max]),
  });
}
