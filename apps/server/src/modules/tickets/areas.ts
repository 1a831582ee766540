import type { GeoPoint } from "@yhteys/contracts";
import type { AreaBoundary } from "../../db/schema.ts";

/** Ray casting over one ring of [lon, lat] positions. */
function inRing(point: GeoPoint, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > point.lat !== yj > point.lat && point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon contains the point when its outer ring does and none of its holes do. */
const inPolygon = (point: GeoPoint, rings: number[][][]) =>
  rings.length > 0 && inRing(point, rings[0] as number[][]) && !rings.slice(1).some((hole) => inRing(point, hole));

export function contains(boundary: AreaBoundary, point: GeoPoint): boolean {
  return boundary.type === "Polygon"
    ? inPolygon(point, boundary.coordinates)
    : boundary.coordinates.some((polygon) => inPolygon(point, polygon));
}

/** The first area whose boundary contains the point, if any. */
export function areaFor<T extends { boundary: AreaBoundary }>(areas: T[], point: GeoPoint | undefined | null): T | undefined {
  return point ? areas.find((a) => contains(a.boundary, point)) : undefined;
}
