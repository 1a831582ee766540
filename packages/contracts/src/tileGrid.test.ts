import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { MapSource, TileUrlTemplate } from "./places.ts";
import { ETRS_TM35FIN_PROJ4, JHS180_TILE_MATRIX, matrixZoom, TILE_SIZE, tileOf, webMercatorZoom } from "./tileGrid.ts";

const toTm35fin = proj4("EPSG:4326", ETRS_TM35FIN_PROJ4);

describe("the ETRS-TM35FIN grid", () => {
  it("puts a known point in Tampere at its metres (Pyynikki, computed with the Krüger series apart from proj4)", () => {
    const [x, y] = toTm35fin.forward([23.7, 61.49]);
    expect(x).toBeCloseTo(324325.58, 1);
    expect(y).toBeCloseTo(6821815.12, 1);
  });

  it("is the JHS 180 grid: origin at the top left, 8192 m/px halving to 0.25 m/px", () => {
    expect(JHS180_TILE_MATRIX.origin).toEqual([-548576, 8388608]);
    expect(JHS180_TILE_MATRIX.resolutions).toEqual([8192, 4096, 2048, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1, 0.5, 0.25]);
    // Level 0 is one tile wide: 8192 m/px × 256 px = 2 097 152 m, the whole extent.
    expect((JHS180_TILE_MATRIX.resolutions[0] ?? 0) * TILE_SIZE).toBe(1548576 + 548576);
  });

  it("finds the tile of a point: column from the origin eastwards, row from the origin southwards", () => {
    const point = { x: 324325.58, y: 6821815.12 };
    // Level 8 is 32 m/px, 8192 m a tile: (324325.58 + 548576) / 8192 = 106.6; (8388608 − 6821815.12) / 8192 = 191.3.
    expect(tileOf(point, 8, JHS180_TILE_MATRIX)).toEqual({ col: 106, row: 191 });
    // Level 11 is 4 m/px, 1024 m a tile.
    expect(tileOf(point, 11, JHS180_TILE_MATRIX)).toEqual({ col: 852, row: 1530 });
    expect(tileOf({ x: -548576, y: 8388608 }, 0, JHS180_TILE_MATRIX)).toEqual({ col: 0, row: 0 });
    expect(() => tileOf(point, 16, JHS180_TILE_MATRIX)).toThrow(RangeError);
  });

  it("takes the level nearest in scale to a Web Mercator zoom at the latitude", () => {
    // Web Mercator 14 at 61.5° N is 4.6 m/px: level 11 (4 m/px). Zoom 4 over Finland (64.5° N) is 4.2 km/px: level 1.
    expect(matrixZoom(JHS180_TILE_MATRIX, 14, 61.5)).toBe(11);
    expect(matrixZoom(JHS180_TILE_MATRIX, 16, 61.5)).toBe(13);
    expect(matrixZoom(JHS180_TILE_MATRIX, 4, 64.5)).toBe(1);
    // And back: level 11 (4 m/px) at 61.5° N is Web Mercator 14.2.
    expect(webMercatorZoom(4, 61.5)).toBeCloseTo(14.19, 2);
  });
});

describe("the base map settings", () => {
  it("accepts XYZ, WMTS REST and WMTS KVP templates, and nothing else", () => {
    for (const ok of [
      "https://tile.example.test/{z}/{x}/{y}.png",
      "https://{s}.tile.example.test/{z}/{x}/{y}.png",
      "https://avoin-karttakuva.example.test/wmts/1.0.0/taustakartta/default/ETRS-TM35FIN/{z}/{y}/{x}.png",
      "https://kartat.example.test/wmts?SERVICE=WMTS&REQUEST=GetTile&TileMatrix={z}&TileRow={y}&TileCol={x}",
    ])
      expect(TileUrlTemplate.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      "ftp://x.test/{z}/{x}/{y}",
      "https://x.test/{z}/{x}.png",
      "https://x.test/{z}/{x}/{y}?k={key}",
      "https://x.test/{z} /{x}/{y}",
    ])
      expect(TileUrlTemplate.safeParse(bad).success, bad).toBe(false);
  });

  it("takes a tile matrix only with EPSG:3067, with resolutions getting smaller", () => {
    const base = { tileUrl: "https://x.test/{z}/{x}/{y}.png", attribution: null };
    expect(MapSource.parse(base)).toEqual({ ...base, crs: "EPSG:3857", tileMatrix: null });
    const tileMatrix = { origin: [0, 100], resolutions: [4, 2, 1] };
    expect(MapSource.safeParse({ ...base, crs: "EPSG:3067", tileMatrix }).success).toBe(true);
    expect(MapSource.safeParse({ ...base, crs: "EPSG:3857", tileMatrix }).success).toBe(false);
    expect(MapSource.safeParse({ ...base, crs: "EPSG:3067", tileMatrix: { ...tileMatrix, resolutions: [1, 2] } }).success).toBe(false);
  });
});
