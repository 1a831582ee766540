/** Distances on the WGS84 sphere, good to a metre or so at city scale. */
import type { GeoPoint } from "@yhteys/contracts";

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The latitude and longitude ranges that hold every point within `metres` of `point`. */
export function boundingBox(point: GeoPoint, metres: number) {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.cos(rad(point.lat));
  return { minLat: point.lat - dLat, maxLat: point.lat + dLat, minLon: point.lon - dLon, maxLon: point.lon + dLon };
}

/** Initial bearing from `a` to `b`, whole degrees clockwise from north (0–359). */
export function bearingDegrees(a: GeoPoint, b: GeoPoint): number {
  const dLon = rad(b.lon - a.lon);
  const y = Math.sin(dLon) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(dLon);
  return Math.round(((Math.atan2(y, x) * 180) / Math.PI + 360) % 360) % 360;
}
