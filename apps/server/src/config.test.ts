import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("configuration", () => {
  it("defaults to demo mode on the embedded database at port 8080", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, dataDir: "./data", demo: true, databaseUrl: undefined, defaultOrganisation: "demo" });
  });

  it("turns demo mode off with a server database unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/x" }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/x", DEMO: "true" }).demo).toBe(true);
  });

  it("refuses to start in production with demo users or without a secret, and says why", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: "production" });
    } catch (e) {
      expect((e as Error).message).toContain("SECRET is required in production");
      expect((e as Error).message).toContain("demo users");
    }
    const ok = loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://db/yhteys", SECRET: "x".repeat(32) });
    expect(ok.demo).toBe(false);
  });

  it("runs jobs by default; refuses private webhook receivers only in production unless allowed", () => {
    expect(loadConfig({}).jobs).toEqual({ enabled: true, concurrency: 8, pollMs: 1000 });
    expect(loadConfig({ JOBS: "off" }).jobs.enabled).toBe(false);
    expect(loadConfig({}).webhooks).toEqual({ allowPrivate: true, retryBaseMs: 60_000, maxAttempts: 14 });
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/yhteys", SECRET: "x".repeat(32) };
    expect(loadConfig(production).webhooks.allowPrivate).toBe(false);
    expect(loadConfig({ ...production, WEBHOOK_ALLOW_PRIVATE: "true" }).webhooks.allowPrivate).toBe(true);
    expect(() => loadConfig({ JOBS: "maybe" })).toThrow(/JOBS/);
  });

  it("rejects malformed values", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ SECRET: "short" })).toThrow(/at least 32/);
  });

  it("limits attachments, keeps them under DATA_DIR, and scans them only with a clamd address", () => {
    expect(loadConfig({ DATA_DIR: "/srv/yhteys" }).attachments).toEqual({
      maxFiles: 5,
      maxBytes: 10 * 1024 * 1024,
      dir: "/srv/yhteys/attachments",
      clamavUrl: undefined,
    });
    const custom = loadConfig({
      ATTACHMENT_MAX_FILES: "2",
      ATTACHMENT_MAX_BYTES: "2048",
      ATTACHMENTS_DIR: "/x",
      CLAMAV_URL: "tcp://clamd:3310",
    });
    expect(custom.attachments).toEqual({ maxFiles: 2, maxBytes: 2048, dir: "/x", clamavUrl: "tcp://clamd:3310" });
    expect(() => loadConfig({ CLAMAV_URL: "clamd:3310" })).toThrow(/CLAMAV_URL must look like tcp:\/\/host:3310/);
    expect(() => loadConfig({ ATTACHMENT_MAX_BYTES: "ten" })).toThrow(/ATTACHMENT_MAX_BYTES/);
  });

  it("takes the base map's tiles, CRS and grid, and refuses a MapLibre style that can no longer be drawn", () => {
    expect(loadConfig({}).map).toEqual({ crs: "EPSG:3857", tileUrl: null, attribution: null, tileMatrix: null });
    const grid = { origin: [-548576, 8388608], resolutions: [8192, 4096] };
    const city = loadConfig({
      MAP_CRS: "EPSG:3067",
      MAP_TILE_URL: "https://k.test/{z}/{y}/{x}.png",
      MAP_TILE_MATRIX: JSON.stringify(grid),
    });
    expect(city.map).toEqual({ crs: "EPSG:3067", tileUrl: "https://k.test/{z}/{y}/{x}.png", attribution: null, tileMatrix: grid });
    expect(() => loadConfig({ MAP_STYLE_URL: "https://k.test/style.json" })).toThrow(/MAP_STYLE_URL is no longer supported/);
    expect(() => loadConfig({ MAP_TILE_MATRIX: JSON.stringify(grid) })).toThrow(/MAP_TILE_MATRIX is for MAP_CRS=EPSG:3067 only/);
    expect(() => loadConfig({ MAP_CRS: "EPSG:3067", MAP_TILE_MATRIX: "{origin" })).toThrow(/MAP_TILE_MATRIX must be JSON/);
    expect(() => loadConfig({ MAP_CRS: "EPSG:3879" })).toThrow(/MAP_CRS/);
  });
});
