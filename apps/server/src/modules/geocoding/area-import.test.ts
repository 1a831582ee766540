import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { areas, auditEntries } from "../../db/schema.ts";
import { AppError } from "../../http/errors.ts";
import { parseAreaFile, tm35finToWgs84 } from "./area-import.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Pyynikki, roughly: lat 61.49–61.50, lon 23.70–23.72, its corners in ETRS-TM35FIN (computed with the Krüger series apart from proj4). */
const PYYNIKKI_3067 = [
  [324325.58, 6821815.12],
  [325389.64, 6821761.37],
  [325445.68, 6822874.31],
  [324381.97, 6822928.04],
  [324325.58, 6821815.12],
];
const square = (lon: number, lat: number, d = 0.01) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ],
];
const collection = (features: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: "FeatureCollection", ...extra, features });
const polygonFeature = (properties: Record<string, unknown>, coordinates: unknown) => ({
  type: "Feature",
  properties,
  geometry: { type: "Polygon", coordinates },
});

const problems = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { detail: e.message, errors: e.errors };
    throw e;
  }
  throw new Error("no error");
};

describe("ETRS-TM35FIN to WGS84", () => {
  it("converts known points", () => {
    // On the central meridian 27° E: the northing is 0.9996 × the GRS80 meridian arc to 60° (6 654 189.4 m).
    const [lon, lat] = tm35finToWgs84([500000, 6651411.19]);
    expect(lon).toBe(27);
    expect(lat).toBeCloseTo(60, 6);
    // Helsinki Senate Square, Tampere Central Square and Oulu market place.
    for (const [e, n, wantLat, wantLon] of [
      [385611.32, 6672118.38, 60.1699, 24.9384],
      [327614.16, 6822520.32, 61.4978, 23.761],
      [427657.55, 7210681.47, 65.0121, 25.4651],
    ] as const) {
      const [gotLon, gotLat] = tm35finToWgs84([e, n]);
      expect(gotLat).toBeCloseTo(wantLat, 5);
      expect(gotLon).toBeCloseTo(wantLon, 5);
    }
  });
});

describe("area file", () => {
  it("reads WGS84 and EPSG:3067 files, names in three languages, codes or names as the key", () => {
    const wgs = parseAreaFile(
      collection([
        polygonFeature({ tunnus: "101", nimi: "Kaakinmaa", namn: "Kakelbacka", name_en: "Kaakinmaa" }, square(23.75, 61.49)),
        {
          type: "Feature",
          properties: { name: { fi: "Pispala", sv: "Pispala" } },
          geometry: { type: "MultiPolygon", coordinates: [square(23.68, 61.5), square(23.7, 61.51, 0.005)] },
        },
      ]),
    );
    expect(wgs.crs).toBe("EPSG:4326");
    expect(wgs.rows.map((r) => [r.code, r.name, r.boundary.type])).toEqual([
      ["101", { fi: "Kaakinmaa", sv: "Kakelbacka", en: "Kaakinmaa" }, "Polygon"],
      ["Pispala", { fi: "Pispala", sv: "Pispala" }, "MultiPolygon"],
    ]);

    // Guessed from the coordinates, or named by the file's crs member.
    for (const extra of [{}, { crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3067" } } }]) {
      const tm = parseAreaFile(collection([polygonFeature({ code: "pyynikki", name_fi: "Pyynikki" }, [PYYNIKKI_3067])], extra));
      expect(tm.crs).toBe("EPSG:3067");
      const ring = (tm.rows[0]?.boundary.coordinates as number[][][] | undefined)?.[0] ?? [];
      expect(ring[0]?.[0]).toBeCloseTo(23.7, 5);
      expect(ring[0]?.[1]).toBeCloseTo(61.49, 5);
      expect(ring[2]?.[0]).toBeCloseTo(23.72, 5);
      expect(ring[2]?.[1]).toBeCloseTo(61.5, 5);
    }
  });

  it("lists every bad feature with a clear reason", () => {
    const open = square(23.75, 61.49)[0]?.slice(0, 4);
    const { detail, errors } = problems(() =>
      parseAreaFile(
        collection([
          polygonFeature({ code: "a", name: "A" }, square(23.75, 61.49)),
          polygonFeature({ code: "b" }, square(23.75, 61.49)),
          polygonFeature({ code: "c", name: "C" }, [open]),
          { type: "Feature", properties: { code: "d", name: "D" }, geometry: { type: "Point", coordinates: [23.7, 61.5] } },
          polygonFeature({ code: "a", name: "A again" }, square(23.75, 61.49)),
          polygonFeature({ code: "e", name: "E" }, square(2.35, 48.85)),
          polygonFeature({ code: "f", name: "F" }, [
            [
              [23.7, 61.5],
              [23.8, "x"],
              [23.8, 61.6],
              [23.7, 61.5],
            ],
          ]),
        ]),
      ),
    );
    expect(detail).toBe("The area file has 6 bad features");
    expect(errors).toEqual([
      { path: "feature 2", message: "name (name_fi, nimi or name) is missing or longer than 200 characters" },
      { path: "feature 3", message: "c: polygon ring 1 is not closed (its first and last positions differ)" },
      { path: "feature 4", message: "d: geometry is not a Polygon or MultiPolygon" },
      { path: "feature 5", message: 'code "a" is also used by feature 1' },
      {
        path: "feature 6",
        message: "e: polygon ring 1 has the point [2.35, 48.85], which is not in Finland in EPSG:4326 (is the coordinate system right?)",
      },
      { path: "feature 7", message: "f: polygon ring 1 has a position that is not [x, y] numbers" },
    ]);
    // WGS84 degrees read as metres are nowhere in Finland.
    expect(
      problems(() => parseAreaFile(collection([polygonFeature({ code: "a", name: "A" }, square(23.75, 61.49))]), "EPSG:3067")).errors?.[0]
        ?.message,
    ).toMatch(/not in Finland in EPSG:3067/);
    expect(problems(() => parseAreaFile("{")).detail).toBe("The area file is not a GeoJSON FeatureCollection");
    expect(problems(() => parseAreaFile(collection([]))).detail).toBe("The area file has no features");
  });
});

describe("PUT /api/staff/admin/areas", () => {
  it("adds and updates districts by code for a technical admin; they serve the feedback filter and notices", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const put = (client: typeof admin, payload: string, query = "") =>
      client.request({
        method: "PUT",
        url: `/api/staff/admin/areas${query}`,
        payload,
        headers: { "content-type": "application/geo+json" },
      });
    const file = collection([
      polygonFeature({ code: "pyynikki", name_fi: "Pyynikki", name_sv: "Pyynikki", name_en: "Pyynikki" }, [PYYNIKKI_3067]),
      polygonFeature({ code: "hervanta", nimi: "Hervanta (uusi raja)" }, [
        [
          [330438, 6815933],
          [333636, 6815778],
          [333743, 6818004],
          [330547, 6818159],
          [330438, 6815933],
        ],
      ]),
    ]);

    expect((await put(await signIn(t.app, tenant, "contentadmin"), file)).statusCode).toBe(403);
    const bad = await put(admin, collection([polygonFeature({ code: "x" }, [PYYNIKKI_3067])]));
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors[0].path).toBe("feature 1");
    expect((await put(admin, file, "?crs=EPSG:1234")).statusCode).toBe(400);

    const ok = await put(admin, file);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ crs: "EPSG:3067", created: 1, updated: 1 });
    const rows = await t.ctx.db.select().from(areas).where(eq(areas.organisationId, tenant.id));
    expect(rows.find((r) => r.code === "hervanta")?.name).toEqual({ fi: "Hervanta (uusi raja)" });
    // Areas the file does not name stay: tickets and notices refer to them.
    expect(rows.map((r) => r.code)).toContain("keskusta");
    const [audit] = await t.ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.organisationId, tenant.id), eq(auditEntries.action, "areas.imported")));
    expect(audit?.detail).toMatchObject({ created: 1, updated: 1, crs: "EPSG:3067", codes: ["pyynikki", "hervanta"] });

    const filter = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/feedback/areas` });
    expect(filter.json().items.map((a: { code: string }) => a.code)).toContain("pyynikki");

    const pyynikki = rows.find((r) => r.code === "pyynikki")?.id as string;
    const notice = await admin.post("/api/staff/admin/notices", {
      kind: "disruption",
      title: { fi: "Vesikatko Pyynikillä" },
      body: { fi: "Vesi on poikki." },
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      areaIds: [pyynikki],
    });
    expect(notice.statusCode, notice.body).toBe(201);
    const at = async (lat: number, lon: number) =>
      (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/notices?lat=${lat}&lon=${lon}` }))
        .json()
        .items.map((n: { title: { fi: string } }) => n.title.fi);
    expect(await at(61.495, 23.71)).toEqual(["Vesikatko Pyynikillä"]);
    expect(await at(61.495, 23.73)).toEqual([]);
  });
});
