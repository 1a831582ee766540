/**
 * A city's base map in ETRS-TM35FIN (EPSG:3067) in a real browser: a WMTS (KVP) tile server on
 * loopback, started here, answers every tile with a PNG and records which tiles were asked for.
 * A technical admin sets it in the console; the map must ask for the JHS 180 tiles around the
 * organisation's centre, and a pin placed with the keyboard must arrive in WGS84 where the
 * projected grid puts it.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ETRS_TM35FIN_PROJ4, JHS180_TILE_MATRIX, matrixZoom, tileOf } from "@yhteys/contracts/tileGrid";
import proj4 from "proj4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn } from "../apps/server/test/harness.ts";
import { consoleSignedIn, type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

const SLOW = 180_000;
/** A 1×1 PNG: the map stretches it over the tile. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const tm35fin = proj4("EPSG:4326", ETRS_TM35FIN_PROJ4);

let e2e: E2E;
let tiles: Server;
let tileBase: string;
const requested: { z: number; col: number; row: number; layer: string | null }[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  tiles = createServer((req, res) => {
    const q = new URL(req.url ?? "/", "http://tiles").searchParams;
    requested.push({ z: Number(q.get("TileMatrix")), col: Number(q.get("TileCol")), row: Number(q.get("TileRow")), layer: q.get("LAYER") });
    res.writeHead(200, { "content-type": "image/png", "access-control-allow-origin": "*" }).end(PNG);
  });
  tiles.listen(0, "127.0.0.1");
  await once(tiles, "listening");
  tileBase = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
});

afterAll(async () => {
  tiles?.close();
  await e2e?.close();
});

async function ticketLocation(staff: Client, reference: string) {
  const id = (await staff.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
  return (await staff.get(`/api/staff/tickets/${id}`)).json().location as { lat: number; lon: number };
}

describe("a base map in ETRS-TM35FIN", () => {
  it(
    "asks the WMTS for the JHS 180 tiles of the centre, and a pin placed with the keyboard arrives in WGS84",
    async () => {
      // A technical admin sets the city's WMTS in the console; a template without {x} is refused first.
      const tileUrl = `${tileBase}/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=taustakartta&TileMatrixSet=ETRS-TM35FIN&TileMatrix={z}&TileRow={y}&TileCol={x}`;
      const admin = await consoleSignedIn(e2e, "admin");
      await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Tiedotteet ja UKK" }).click();
      const form = admin.getByRole("region", { name: "Taustakartta" });
      await form.getByLabel("Koordinaattijärjestelmä").selectOption("EPSG:3067");
      await form.getByLabel("Tiilien osoitemalli").fill(tileUrl.replace("&TileCol={x}", ""));
      await form.getByLabel("Lähdemerkintä").fill("© Testikaupunki");
      await form.getByRole("button", { name: "Tallenna" }).click();
      await form.getByText("must contain {z}, {x} and {y}").first().waitFor();
      expect(await form.getByLabel("Tiilien osoitemalli").getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(admin, "the base map form with an error");
      await form.getByLabel("Tiilien osoitemalli").fill(tileUrl);
      await form.getByRole("button", { name: "Tallenna" }).click();
      await admin.getByText("Taustakartta tallennettu.").waitFor();
      await admin.context().close();

      const org = (await e2e.app.inject({ method: "GET", url: `/api/public/${e2e.tenant.slug}` })).json();
      const { center, zoom } = org.map as { center: { lat: number; lon: number }; zoom: number };
      // The settings' Web Mercator zoom 14 is level 11 (4 m/px) of the grid at Tampere's latitude.
      const level = matrixZoom(JHS180_TILE_MATRIX, zoom, center.lat);
      expect(level).toBe(11);
      const [x, y] = tm35fin.forward([center.lon, center.lat]);
      const middle = tileOf({ x, y }, level, JHS180_TILE_MATRIX);

      const page = await newPage(e2e, "en");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
      await page.getByRole("heading", { level: 1, name: "Contact us" }).waitFor();
      await page.locator(`#category-${e2e.tenant.categories.potholes}`).check();
      await page.locator("#description").fill(`Pothole on the city's own map ${Date.now()}`);
      await page.getByRole("button", { name: "Choose the place on a map" }).click();
      const map = page.locator(".map-canvas.leaflet-container");
      await map.waitFor();
      await expect.poll(() => requested.some((t) => t.z === level && t.col === middle.col && t.row === middle.row)).toBe(true);
      expect(requested.every((t) => t.z === level && t.layer === "taustakartta")).toBe(true);
      // Only the tiles around the centre: the map is a few tiles wide.
      expect(requested.every((t) => Math.abs(t.col - middle.col) <= 2 && Math.abs(t.row - middle.row) <= 2)).toBe(true);
      await page.getByText("© Testikaupunki").waitFor();
      expect(await page.getByText("No background map is in use").count()).toBe(0);
      await expect.poll(() => page.locator(".leaflet-tile-loaded").count()).toBeGreaterThan(0);
      await expectAccessible(page, "the form with a map in ETRS-TM35FIN");

      // Three steps east and one south from the centre: 12 px a step, 4 m a pixel at level 11.
      await map.focus();
      for (const key of ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowDown"]) await page.keyboard.press(key);
      await expect.poll(() => page.locator(".location-status").textContent()).toBe("Pin moved. Press Enter to choose this spot.");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".location-status").textContent()).toMatch(/^Chosen place/);
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByRole("heading", { level: 1, name: "Thank you, we have received your message" }).waitFor();
      const reference = (await page.getByTestId("reference").textContent())?.trim() ?? "";

      const [lon, lat] = tm35fin.inverse([x + 36 * 4, y - 12 * 4]);
      const sent = await ticketLocation(await signIn(e2e.app, e2e.tenant, "advisor"), reference);
      // Within about 2 m (the form keeps five decimals of a degree).
      expect(Math.abs(sent.lat - lat)).toBeLessThan(0.00002);
      expect(Math.abs(sent.lon - lon)).toBeLessThan(0.00004);
      await page.context().close();
    },
    SLOW,
  );
});
