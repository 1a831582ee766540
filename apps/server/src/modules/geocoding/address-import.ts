/**
 * Importing an organisation's address list: CSV (columns street, number, postal code, city, lat,
 * lon; comma or semicolon separated, decimal comma allowed with semicolons) or GeoJSON points with
 * those properties. Every row is checked first; one bad row rejects the whole file with each
 * problem's line (or feature) number, and a good file replaces the organisation's list at once.
 */
import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.ts";
import { addresses } from "../../db/schema.ts";
import { AppError, type FieldError } from "../../http/errors.ts";
import { searchKey } from "./geocoder.ts";

export type AddressInput = { street: string; number: string; postalCode: string; city: string; lat: number; lon: number };
type Parsed = { rows: AddressInput[]; errors: FieldError[] };

/** Problems reported at most; a file with more is usually of the wrong shape altogether. */
const MAX_ERRORS = 100;
const COLUMNS = ["street", "number", "postalcode", "city", "lat", "lon"] as const;
type Column = (typeof COLUMNS)[number];

/** Splits CSV text into records of fields (RFC 4180 quoting), with the line each record starts on. */
function csvRecords(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.some((f) => f.trim())) records.push({ line: start, fields });
      fields = [];
      field = "";
      start = ++line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f.trim())) records.push({ line: start, fields });
  return records;
}

/** Checks one row's values; returns the address or the reason it is not one. */
function checkRow(values: Record<Column, unknown>, decimalComma: boolean): AddressInput | string {
  const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v).trim() : "");
  const coordinate = (v: unknown) => {
    if (typeof v === "number") return v;
    const t = text(v);
    return t && /^-?\d+([.,]\d+)?$/.test(t) && (decimalComma || !t.includes(",")) ? Number(t.replace(",", ".")) : Number.NaN;
  };
  const row = {
    street: text(values.street),
    number: text(values.number),
    postalCode: text(values.postalcode),
    city: text(values.city),
    lat: coordinate(values.lat),
    lon: coordinate(values.lon),
  };
  if (!row.street || row.street.length > 100) return "street is missing or longer than 100 characters";
  if (!row.number || row.number.length > 20) return "number is missing or longer than 20 characters";
  if (!/^\d{5}$/.test(row.postalCode)) return `postal code "${row.postalCode}" is not five digits`;
  if (!row.city || row.city.length > 100) return "city is missing or longer than 100 characters";
  if (!(row.lat >= 59 && row.lat <= 71 && row.lon >= 19 && row.lon <= 32))
    return "lat and lon must be WGS84 degrees in Finland (lat 59–71, lon 19–32)";
  return row;
}

const columnOf = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "") as Column;

/** Parses a CSV address list; the first line names the columns in any order. */
export function parseAddressCsv(text: string): Parsed {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  const [header, ...records] = csvRecords(body, delimiter);
  const names = (header?.fields ?? []).map(columnOf);
  const missing = COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return { rows: [], errors: [{ path: "line 1", message: `missing columns: ${missing.join(", ")}` }] };
  const rows: AddressInput[] = [];
  const errors: FieldError[] = [];
  for (const record of records) {
    const values = Object.fromEntries(names.map((n, i) => [n, record.fields[i]])) as Record<Column, unknown>;
    const row =
      record.fields.length < names.length
        ? `expected ${names.length} fields, found ${record.fields.length}`
        : checkRow(values, delimiter === ";");
    if (typeof row === "string") errors.push({ path: `line ${record.line}`, message: row });
    else rows.push(row);
    if (errors.length >= MAX_ERRORS) break;
  }
  return { rows, errors };
}

type Feature = { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };

/** Parses a GeoJSON FeatureCollection of Point features with the address as properties. */
export function parseAddressGeoJson(text: string): Parsed {
  let features: Feature[];
  try {
    const doc = JSON.parse(text) as { type?: string; features?: Feature[] };
    if (doc.type !== "FeatureCollection" || !Array.isArray(doc.features)) throw new Error();
    features = doc.features;
  } catch {
    return { rows: [], errors: [{ path: "file", message: "not a GeoJSON FeatureCollection" }] };
  }
  const rows: AddressInput[] = [];
  const errors: FieldError[] = [];
  for (const [i, feature] of features.entries()) {
    const [lon, lat] = Array.isArray(feature.geometry?.coordinates) ? (feature.geometry.coordinates as unknown[]) : [];
    const props = Object.fromEntries(Object.entries(feature.properties ?? {}).map(([k, v]) => [columnOf(k), v]));
    const row =
      feature.geometry?.type === "Point" ? checkRow({ ...(props as Record<Column, unknown>), lat, lon }, false) : "geometry is not a Point";
    if (typeof row === "string") errors.push({ path: `feature ${i + 1}`, message: row });
    else rows.push(row);
    if (errors.length >= MAX_ERRORS) break;
  }
  return { rows, errors };
}

/** Parses an address file by its format; throws 400 with every problem found when any row is bad. */
export function parseAddressFile(text: string, format: "csv" | "geojson"): AddressInput[] {
  const { rows, errors } = format === "csv" ? parseAddressCsv(text) : parseAddressGeoJson(text);
  if (errors.length)
    throw new AppError(
      "validation_failed",
      `The address list has ${errors.length}${errors.length >= MAX_ERRORS ? "+" : ""} bad rows`,
      errors,
    );
  if (!rows.length) throw new AppError("validation_failed", "The address list has no addresses");
  return rows;
}

const CHUNK = 1000;

/** Replaces the organisation's address list; call it inside a transaction so that searches never see half a list. */
export async function replaceAddresses(tx: Queryable, organisationId: string, rows: AddressInput[]): Promise<number> {
  await tx.delete(addresses).where(eq(addresses.organisationId, organisationId));
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insert(addresses)
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, organisationId, searchKey: searchKey(`${r.street} ${r.number}`) })));
  return rows.length;
}
