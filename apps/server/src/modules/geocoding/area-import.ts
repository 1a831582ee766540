/**
 * Importing an organisation's districts: a GeoJSON FeatureCollection of Polygon or MultiPolygon
 * features in WGS84 (EPSG:4326) or ETRS-TM35FIN (EPSG:3067, converted to WGS84 here). Each
 * feature names its code (`code`, `tunnus` or `id`; else its Finnish name is the code) and its
 * name (`name_fi`/`nimi`/`name`, `name_sv`/`namn`, `name_en`). Every feature is checked first;
 * one bad feature rejects the file with each problem's feature number. A good file updates the
 * areas it names (by code) and adds new ones; areas it does not name are kept, because tickets,
 * notices and viewers' scopes refer to them.
 */
import { ETRS_TM35FIN_PROJ4, type LocalizedText } from "@yhteys/contracts";
import { and, eq, inArray } from "drizzle-orm";
import proj4 from "proj4";
import type { Queryable } from "../../db/client.ts";
import { type AreaBoundary, areas } from "../../db/schema.ts";
import { AppError, type FieldError } from "../../http/errors.ts";

export const areaCrses = ["EPSG:4326", "EPSG:3067"] as const;
export type AreaCrs = (typeof areaCrses)[number];
export type AreaInput = { code: string; name: LocalizedText; boundary: AreaBoundary };

/** ETRS-TM35FIN: transverse Mercator on GRS80, central meridian 27° E, false easting 500 km. */
proj4.defs("EPSG:3067", ETRS_TM35FIN_PROJ4);
const fromTm35fin = proj4("EPSG:3067", "EPSG:4326");

/** An ETRS-TM35FIN point [easting, northing] in WGS84 [lon, lat], to about 10 cm. */
export function tm35finToWgs84([easting, northing]: [number, number]): [number, number] {
  const [lon, lat] = fromTm35fin.forward([easting, northing]);
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

const MAX_ERRORS = 100;
const MAX_FEATURES = 2000;

type Feature = { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
type Doc = { type?: string; features?: Feature[]; crs?: { properties?: { name?: unknown } } };

/** The CRS a file names (the old GeoJSON `crs` member), else what its first coordinate looks like. */
function crsOf(doc: Doc): AreaCrs {
  const named = doc.crs?.properties?.name;
  if (typeof named === "string") return /3067/.test(named) ? "EPSG:3067" : "EPSG:4326";
  const first = JSON.stringify(doc.features?.[0]?.geometry?.coordinates ?? []).match(/-?\d+(\.\d+)?/);
  return first && Math.abs(Number(first[0])) > 180 ? "EPSG:3067" : "EPSG:4326";
}

const key = (k: string) => k.toLowerCase().replace(/[\s_-]/g, "");
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v).trim() : "");

/** The code and name of a feature from its properties, or the reason they are missing. */
function identity(properties: Record<string, unknown>): { code: string; name: LocalizedText } | string {
  const props = Object.fromEntries(Object.entries(properties).map(([k, v]) => [key(k), v]));
  const pick = (...names: string[]) => names.map((n) => text(props[n])).find(Boolean) ?? "";
  const nested = typeof props.name === "object" && props.name ? (props.name as Record<string, unknown>) : {};
  const fi = pick("namefi", "nimi", "nimifi") || text(nested.fi) || text(props.name);
  const sv = pick("namesv", "namn", "nimisv") || text(nested.sv);
  const en = pick("nameen", "nimien") || text(nested.en);
  const code = pick("code", "tunnus", "id") || fi;
  if (!fi || fi.length > 200) return "name (name_fi, nimi or name) is missing or longer than 200 characters";
  if (sv.length > 200 || en.length > 200) return "name_sv and name_en may be at most 200 characters";
  if (code.length > 50) return `code "${code.slice(0, 50)}…" is longer than 50 characters`;
  return { code, name: { fi, ...(sv ? { sv } : {}), ...(en ? { en } : {}) } };
}

/** One ring in WGS84, or the reason it is not a ring of the area. */
function ring(value: unknown, crs: AreaCrs, label: string): number[][] | string {
  if (!Array.isArray(value) || value.length < 4) return `${label} needs at least 4 positions`;
  const out: number[][] = [];
  for (const position of value) {
    if (!Array.isArray(position) || position.length < 2 || !position.slice(0, 2).every((n) => typeof n === "number" && Number.isFinite(n)))
      return `${label} has a position that is not [x, y] numbers`;
    const [x, y] = position as [number, number];
    const [lon, lat] = crs === "EPSG:3067" ? tm35finToWgs84([x, y]) : [x, y];
    if (!(lat >= 59 && lat <= 71 && lon >= 19 && lon <= 32))
      return `${label} has the point [${x}, ${y}], which is not in Finland in ${crs} (is the coordinate system right?)`;
    out.push([lon, lat]);
  }
  const [first, last] = [out[0] as number[], out[out.length - 1] as number[]];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${label} is not closed (its first and last positions differ)`;
  return out;
}

function polygon(value: unknown, crs: AreaCrs, label: string): number[][][] | string {
  if (!Array.isArray(value) || value.length === 0) return `${label} has no rings`;
  const rings: number[][][] = [];
  for (const [i, r] of value.entries()) {
    const checked = ring(r, crs, `${label} ring ${i + 1}`);
    if (typeof checked === "string") return checked;
    rings.push(checked);
  }
  return rings;
}

function boundary(geometry: Feature["geometry"], crs: AreaCrs): AreaBoundary | string {
  if (geometry?.type === "Polygon") {
    const p = polygon(geometry.coordinates, crs, "polygon");
    return typeof p === "string" ? p : { type: "Polygon", coordinates: p };
  }
  if (geometry?.type === "MultiPolygon" && Array.isArray(geometry.coordinates) && geometry.coordinates.length) {
    const polygons: number[][][][] = [];
    for (const [i, part] of geometry.coordinates.entries()) {
      const p = polygon(part, crs, `polygon ${i + 1}`);
      if (typeof p === "string") return p;
      polygons.push(p);
    }
    return { type: "MultiPolygon", coordinates: polygons };
  }
  return "geometry is not a Polygon or MultiPolygon";
}

/**
 * Parses a district file; `crs` overrides what the file says or looks like. Throws 400
 * (validation_failed) with every problem found, by feature number.
 */
export function parseAreaFile(body: string, crs?: AreaCrs): { crs: AreaCrs; rows: AreaInput[] } {
  let doc: Doc;
  try {
    doc = JSON.parse(body) as Doc;
    if (doc?.type !== "FeatureCollection" || !Array.isArray(doc.features)) throw new Error();
  } catch {
    throw new AppError("validation_failed", "The area file is not a GeoJSON FeatureCollection");
  }
  if (!doc.features.length) throw new AppError("validation_failed", "The area file has no features");
  if (doc.features.length > MAX_FEATURES) throw new AppError("validation_failed", `The area file has more than ${MAX_FEATURES} features`);
  const used = crs ?? crsOf(doc);
  const rows: AreaInput[] = [];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  for (const [i, feature] of doc.features.entries()) {
    const path = `feature ${i + 1}`;
    const who = identity(feature?.properties ?? {});
    const shape = boundary(feature?.geometry, used);
    if (typeof who === "string") errors.push({ path, message: who });
    else if (typeof shape === "string") errors.push({ path, message: `${who.code}: ${shape}` });
    else if (seen.has(who.code)) errors.push({ path, message: `code "${who.code}" is also used by feature ${seen.get(who.code)}` });
    else {
      seen.set(who.code, i + 1);
      rows.push({ ...who, boundary: shape });
    }
    if (errors.length >= MAX_ERRORS) break;
  }
  if (errors.length)
    throw new AppError(
      "validation_failed",
      `The area file has ${errors.length}${errors.length >= MAX_ERRORS ? "+" : ""} bad features`,
      errors,
    );
  return { crs: used, rows };
}

/** Adds new areas and updates those with the same code; run it in a transaction. */
export async function upsertAreas(tx: Queryable, organisationId: string, rows: AreaInput[]): Promise<{ created: number; updated: number }> {
  const codes = rows.map((r) => r.code);
  const existing = await tx
    .select({ code: areas.code })
    .from(areas)
    .where(and(eq(areas.organisationId, organisationId), inArray(areas.code, codes)));
  for (const row of rows)
    await tx
      .insert(areas)
      .values({ organisationId, ...row })
      .onConflictDoUpdate({ target: [areas.organisationId, areas.code], set: { name: row.name, boundary: row.boundary } });
  return { created: rows.length - existing.length, updated: existing.length };
}
