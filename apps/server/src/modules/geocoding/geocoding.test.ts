import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { parseAddressCsv, parseAddressGeoJson } from "./address-import.ts";
import { searchKey } from "./geocoder.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: "GET", url });
const labels = (res: { json: () => { items: { label: string }[] } }) => res.json().items.map((a) => a.label);

describe("address search", () => {
  it("matches the beginning of street and number, ignoring case and Finnish diacritics", async () => {
    const tenant = await newTenant(t.ctx);
    const exact = await get(`/api/public/${tenant.slug}/addresses?q=${encodeURIComponent("Hämeenkatu 10")}`);
    expect(exact.statusCode).toBe(200);
    expect(labels(exact)[0]).toBe("Hämeenkatu 10, 33100 Tampere");
    expect(exact.json().items[0].location).toEqual({ lat: expect.any(Number), lon: expect.any(Number) });

    for (const q of ["hameenkatu 10", "HÄMEENKATU 10", "  hämeenkatu   10 "])
      expect(labels(await get(`/api/public/${tenant.slug}/addresses?q=${encodeURIComponent(q)}`))[0]).toBe("Hämeenkatu 10, 33100 Tampere");

    const insinoori = labels(await get(`/api/public/${tenant.slug}/addresses?q=insinoorink`));
    expect(insinoori).toHaveLength(10);
    // Numbers in natural order.
    expect(insinoori.slice(0, 3)).toEqual([
      "Insinöörinkatu 1, 33720 Tampere",
      "Insinöörinkatu 2, 33720 Tampere",
      "Insinöörinkatu 3, 33720 Tampere",
    ]);

    const prefix = labels(await get(`/api/public/${tenant.slug}/addresses?q=${encodeURIComponent("Hämeenkatu 1")}`));
    expect(prefix.slice(0, 3)).toEqual(["Hämeenkatu 1, 33100 Tampere", "Hämeenkatu 10, 33100 Tampere", "Hämeenkatu 11, 33100 Tampere"]);
  });

  it("treats LIKE wildcards as text, keeps to the organisation, and validates the query", async () => {
    const tenant = await newTenant(t.ctx);
    expect((await get(`/api/public/${tenant.slug}/addresses?q=%25`)).json().items).toEqual([]);
    expect((await get(`/api/public/${tenant.slug}/addresses?q=_`)).json().items).toEqual([]);
    const empty = await get(`/api/public/${tenant.slug}/addresses?q=`);
    expect(empty.statusCode).toBe(400);
    expect(empty.headers["content-type"]).toContain("application/problem+json");
    expect((await get("/api/public/no-such-org/addresses?q=h")).statusCode).toBe(404);
  });

  it("folds diacritics and white space into the search key", () => {
    expect(searchKey("  Åkerlundinkatu   7 B ")).toBe("akerlundinkatu 7 b");
    expect(searchKey("Näsilinnankatu")).toBe("nasilinnankatu");
  });
});

describe("reverse geocoding", () => {
  it("answers the nearest address within 150 m, or none", async () => {
    const tenant = await newTenant(t.ctx);
    const search = await get(`/api/public/${tenant.slug}/addresses?q=${encodeURIComponent("Hämeenkatu 10")}`);
    const { lat, lon } = search.json().items[0].location;
    const near = await get(`/api/public/${tenant.slug}/addresses/reverse?lat=${lat + 0.00002}&lon=${lon}`);
    expect(near.statusCode).toBe(200);
    expect(near.json()).toMatchObject({ address: { street: "Hämeenkatu", number: "10" }, distanceMetres: 2 });

    const lake = await get(`/api/public/${tenant.slug}/addresses/reverse?lat=61.53&lon=23.75`);
    expect(lake.json()).toEqual({ address: null, distanceMetres: null });

    const outside = await get(`/api/public/${tenant.slug}/addresses/reverse?lat=40&lon=23.75`);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0].path).toContain("lat");
  });
});

describe("address import", () => {
  const csv = [
    "street;number;postal code;city;lat;lon",
    "Pyynikintie;1;33230;Tampere;61,4937;23,7380",
    '"Rauhaniementie";"2 A";33180;Tampere;61.5211;23.7835',
  ].join("\n");

  it("parses CSV with quotes, semicolons and decimal commas, and GeoJSON points", () => {
    expect(parseAddressCsv(csv)).toEqual({
      rows: [
        { street: "Pyynikintie", number: "1", postalCode: "33230", city: "Tampere", lat: 61.4937, lon: 23.738 },
        { street: "Rauhaniementie", number: "2 A", postalCode: "33180", city: "Tampere", lat: 61.5211, lon: 23.7835 },
      ],
      errors: [],
    });
    const geojson = JSON.stringify({
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [23.76, 61.5] },
          properties: { street: "Puutarhakatu", number: 5, postal_code: "33210", city: "Tampere" },
        },
        { type: "Feature", geometry: { type: "LineString", coordinates: [] }, properties: {} },
      ],
    });
    expect(parseAddressGeoJson(geojson)).toEqual({
      rows: [{ street: "Puutarhakatu", number: "5", postalCode: "33210", city: "Tampere", lat: 61.5, lon: 23.76 }],
      errors: [{ path: "feature 2", message: "geometry is not a Point" }],
    });
  });

  it("lets a technical admin replace the list; bad rows are problem+json with line numbers and change nothing", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const put = (client: typeof admin, payload: string, type = "text/csv") =>
      client.request({ method: "PUT", url: "/api/staff/admin/addresses", payload, headers: { "content-type": type } });

    const bad = await put(
      admin,
      "street,number,postal code,city,lat,lon\nHämeenkatu,1,33100,Tampere,61.49,23.76\nHämeenkatu,,331,Tampere,61.49,23.76\n\nX,1,33100,Tampere,lat,23\n",
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([
      { path: "line 3", message: "number is missing or longer than 20 characters" },
      { path: "line 5", message: "lat and lon must be WGS84 degrees in Finland (lat 59–71, lon 19–32)" },
    ]);
    expect((await put(admin, "street,number\nA,1\n")).json().errors).toEqual([
      { path: "line 1", message: "missing columns: postalcode, city, lat, lon" },
    ]);
    expect(labels(await get(`/api/public/${tenant.slug}/addresses?q=hameenkatu 10`))).toHaveLength(1);

    expect((await put(await signIn(t.app, tenant, "contentadmin"), csv)).statusCode).toBe(403);
    const ok = await put(admin, csv);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ imported: 2 });
    expect(labels(await get(`/api/public/${tenant.slug}/addresses?q=hameenkatu`))).toEqual([]);
    expect(labels(await get(`/api/public/${tenant.slug}/addresses?q=rauhan`))).toEqual(["Rauhaniementie 2 A, 33180 Tampere"]);

    const org = (await get(`/api/public/${tenant.slug}`)).json();
    expect(org.map).toMatchObject({ tileUrl: null, zoom: expect.any(Number) });
  });
});

describe("base map", () => {
  it("uses the organisation's own tiles when a technical admin sets them, else the installation's, else none", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const map = async () => (await get(`/api/public/${tenant.slug}`)).json().map;
    expect(await map()).toMatchObject({ crs: "EPSG:3857", tileUrl: null, attribution: null, tileMatrix: null, zoom: 14 });
    const none = { crs: "EPSG:3857", tileUrl: null, attribution: null, tileMatrix: null };
    expect((await admin.get("/api/staff/admin/map")).json()).toEqual(none);

    const own = { crs: "EPSG:3857", tileUrl: "https://tiles.example.test/{z}/{x}/{y}.png", attribution: "© Kaupunki", tileMatrix: null };
    expect((await admin.put("/api/staff/admin/map", own)).statusCode).toBe(200);
    expect(await map()).toMatchObject(own);
    expect((await admin.get("/api/staff/admin/map")).json()).toEqual(own);

    // A city's WMTS in ETRS-TM35FIN (KVP, row before column): the JHS 180 grid unless one is given.
    const wmts = {
      crs: "EPSG:3067",
      tileUrl: "https://kartta.example.test/wmts?layer=opaskartta&TileMatrixSet=ETRS-TM35FIN&TileMatrix={z}&TileRow={y}&TileCol={x}",
      attribution: "© Kaupunki, © MML",
    };
    expect((await admin.put("/api/staff/admin/map", wmts)).json()).toEqual({ ...wmts, tileMatrix: null });
    const drawn = await map();
    expect(drawn).toMatchObject(wmts);
    expect(drawn.tileMatrix.origin).toEqual([-548576, 8388608]);
    expect(drawn.tileMatrix.resolutions).toHaveLength(16);
    expect(drawn.tileMatrix.resolutions[15]).toBe(0.25);
    const ownGrid = { ...wmts, tileMatrix: { origin: [-548576, 8388608], resolutions: [64, 32, 16, 8, 4, 2, 1, 0.5] } };
    expect((await admin.put("/api/staff/admin/map", ownGrid)).statusCode).toBe(200);
    expect((await map()).tileMatrix).toEqual(ownGrid.tileMatrix);

    for (const [bad, field] of [
      [{ ...own, tileUrl: "javascript:alert(1)/{z}/{x}/{y}" }, "tileUrl"],
      [{ ...own, tileUrl: "https://x.test/tiles.png" }, "tileUrl"],
      [{ ...own, tileUrl: "https://x.test/{z}/{x}/{y}.png?key={apikey}" }, "tileUrl"],
      [{ ...own, crs: "EPSG:3879" }, "crs"],
      [{ ...own, tileMatrix: ownGrid.tileMatrix }, "tileMatrix"],
      [{ ...ownGrid, tileMatrix: { origin: [0, 0], resolutions: [1, 2] } }, "tileMatrix.resolutions"],
      [{ ...ownGrid, tileMatrix: { origin: [0], resolutions: [1] } }, "tileMatrix.origin"],
    ] as const) {
      const res = await admin.put("/api/staff/admin/map", bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(JSON.stringify(res.json()), JSON.stringify(bad)).toContain(field);
    }
    expect((await admin.put("/api/staff/admin/map", { tileUrl: null, attribution: null })).json()).toEqual(none);
    expect(await map()).toMatchObject({ crs: "EPSG:3857", tileUrl: null });

    const installation = await startTestApp(
      { MAP_CRS: "EPSG:3067", MAP_TILE_URL: "https://maps.example.test/{z}/{y}/{x}.png", MAP_ATTRIBUTION: "© Kartat" },
      undefined,
    );
    try {
      const other = await newTenant(installation.ctx);
      const res = await installation.app.inject({ method: "GET", url: `/api/public/${other.slug}` });
      expect(res.json().map).toMatchObject({
        crs: "EPSG:3067",
        tileUrl: "https://maps.example.test/{z}/{y}/{x}.png",
        attribution: "© Kartat",
      });
      expect(res.json().map.tileMatrix.origin).toEqual([-548576, 8388608]);
    } finally {
      await installation.close();
    }
  });
});
