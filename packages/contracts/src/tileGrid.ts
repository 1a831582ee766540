/**
 * The base map's coordinate systems and tile grids (REQUIREMENTS P2, I5): Web Mercator
 * (EPSG:3857, the XYZ grid of OpenStreetMap and most web maps) or ETRS-TM35FIN (EPSG:3067, the
 * grid of the National Land Survey and Finnish cities' WMTS services), and the maths that finds a
 * tile from a point, shared by the portal's map, the server and the tests. No zod here: the
 * portal's map chunk imports this alone (`@yhteys/contracts/tileGrid`); the schemas are in places.ts.
 */
import type { TileMatrix } from "./places.ts";

/** ETRS-TM35FIN (EPSG:3067) for proj4: UTM zone 35 on GRS80. */
export const ETRS_TM35FIN_PROJ4 = "+proj=utm +zone=35 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs";

/** Pixels on a side of one tile. */
export const TILE_SIZE = 256;

/**
 * The ETRS-TM35FIN grid of JHS 180 and the National Land Survey's WMTS (TileMatrixSet
 * "ETRS-TM35FIN"): origin (-548576, 8388608), 8192 m/px at level 0 halving down to 0.25 m/px at 15.
 */
export const JHS180_TILE_MATRIX: TileMatrix = {
  origin: [-548576, 8388608],
  resolutions: Array.from({ length: 16 }, (_, z) => 8192 / 2 ** z),
};

/** The extent of the JHS 180 grid (minimum and maximum easting and northing): tiles outside it are not asked for. */
export const JHS180_BOUNDS = { min: [-548576, 6291456], max: [1548576, 8388608] } as const;

/** Metres on the ground per pixel of Web Mercator zoom level 0 at the equator. */
const WEB_MERCATOR_RESOLUTION_0 = 156_543.033_928_041;

/** The tile (column from the left, row from the top) that holds a projected point at `zoom`. */
export function tileOf(point: { x: number; y: number }, zoom: number, matrix: TileMatrix): { col: number; row: number } {
  const resolution = matrix.resolutions[zoom];
  if (resolution === undefined) throw new RangeError(`zoom ${zoom} is not in the tile matrix`);
  const span = resolution * TILE_SIZE;
  return { col: Math.floor((point.x - matrix.origin[0]) / span), row: Math.floor((matrix.origin[1] - point.y) / span) };
}

/** The (fractional) Web Mercator zoom whose ground resolution at `lat` is `metresPerPixel`. */
export function webMercatorZoom(metresPerPixel: number, lat: number): number {
  return Math.log2((WEB_MERCATOR_RESOLUTION_0 * Math.cos((lat * Math.PI) / 180)) / metresPerPixel);
}

/**
 * The matrix level whose scale is nearest to a Web Mercator zoom at a latitude: the settings'
 * zoom levels are Web Mercator's (14 is a district), and a projected grid has its own.
 */
export function matrixZoom(matrix: TileMatrix, zoom: number, lat: number): number {
  const distance = (z: number) => Math.abs(webMercatorZoom(matrix.resolutions[z] ?? 0, lat) - zoom);
  return matrix.resolutions.reduce((best, _, z) => (distance(z) < distance(best) ? z : best), 0);
}
