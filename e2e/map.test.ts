/**
 * The location part of the contact form in a real browser: choosing a place with the keyboard
 * alone (address search, then the map's arrow keys), the "already reported nearby" hint and
 * following an earlier contact instead of sending a new one — with axe on each state. The map
 * has no tiles here: the default base map needs no network.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn, submitContact } from "../apps/server/test/harness.ts";
import { activeElement, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

const SLOW = 180_000;

let e2e: E2E;
let staff: Client;

beforeAll(async () => {
  e2e = await startE2E();
  staff = await signIn(e2e.app, e2e.tenant, "advisor");
});

afterAll(async () => {
  await e2e?.close();
});

const categoryId = (code: string) => {
  const id = e2e.tenant.categories[code];
  if (!id) throw new Error(`no category ${code}`);
  return id;
};

async function openForm(page: Page) {
  await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
  await page.getByRole("heading", { level: 1, name: "Contact us" }).waitFor();
  await page.locator(`#category-${categoryId("potholes")}`).waitFor();
}

async function staffTicket(reference: string) {
  const id = (await staff.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
  return (await staff.get(`/api/staff/tickets/${id}`)).json() as {
    address: string | null;
    location: { lat: number; lon: number } | null;
    followers: number;
  };
}

/** Where the demo address list puts Hämeenkatu 10. */
async function hameenkatu10() {
  const res = await e2e.app.inject({ method: "GET", url: `/api/public/${e2e.tenant.slug}/addresses?q=H%C3%A4meenkatu%2010` });
  return res.json().items[0].location as { lat: number; lon: number };
}

describe("location on the contact form", () => {
  it(
    "chooses a place with the keyboard alone: address search, then the map's arrow keys, and sends",
    async () => {
      const page = await newPage(e2e, "en");
      await openForm(page);

      await tabTo(page, "#category-filter");
      await page.keyboard.type("pothole");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      expect(await page.locator(`#category-${categoryId("potholes")}`).isChecked()).toBe(true);
      await tabTo(page, "#description");
      const description = `Deep pothole by the crossing ${Date.now()}`;
      await page.keyboard.type(description);

      await tabTo(page, "#address");
      await page.keyboard.type("hameenkatu 1");
      await page.getByRole("option", { name: "Hämeenkatu 10, 33100 Tampere" }).waitFor();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      expect(await page.locator("#address").getAttribute("aria-activedescendant")).toBeTruthy();
      await page.keyboard.press("Enter");
      expect(await page.locator("#address").inputValue()).toBe("Hämeenkatu 10, 33100 Tampere");
      await expect.poll(() => page.locator(".location-status").textContent()).toBe("Chosen place: Hämeenkatu 10, 33100 Tampere");
      expect((await activeElement(page)).id).toBe("address");

      await tabTo(page, 'button[aria-controls="map-panel"]');
      await page.keyboard.press("Enter");
      await page.locator(".map-canvas.leaflet-container").waitFor();
      await tabTo(page, ".map-canvas.leaflet-container");
      expect(await page.locator(".map-canvas.leaflet-container").getAttribute("aria-label")).toBe("Map for choosing the place");
      expect(await page.locator("#map-instructions").textContent()).toContain("arrow keys");
      await expectAccessible(page, "the form with the map open");
      for (const key of ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowDown"]) await page.keyboard.press(key);
      await expect.poll(() => page.locator(".location-status").textContent()).toBe("Pin moved. Press Enter to choose this spot.");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".location-status").textContent()).toMatch(/^Chosen place: Hämeenkatu \d+, 33100 Tampere$/);

      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Thank you, we have received your message" }).waitFor();
      const reference = (await page.getByTestId("reference").textContent())?.trim() ?? "";
      const ticket = await staffTicket(reference);
      const start = await hameenkatu10();
      // Moved east and south of Hämeenkatu 10 by a few tens of metres.
      expect(ticket.location?.lon).toBeGreaterThan(start.lon);
      expect(ticket.location?.lat).toBeLessThan(start.lat);
      expect(Math.abs((ticket.location?.lat ?? 0) - start.lat)).toBeLessThan(0.002);
      expect(ticket.address).toMatch(/^Hämeenkatu \d+, 33100 Tampere$/);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "shows contacts already reported nearby, and follows one instead of sending a new contact",
    async () => {
      const start = await hameenkatu10();
      const earlier = await submitContact(e2e.app, e2e.tenant, { location: { lat: start.lat + 0.0003, lon: start.lon } });
      const page = await newPage(e2e, "fi");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
      await page.getByRole("heading", { level: 1, name: "Ota yhteyttä" }).waitFor();
      await page.locator(`#category-${categoryId("potholes")}`).check();
      await page.locator("#address").fill("Hämeenkatu 10");
      await page.getByRole("option", { name: "Hämeenkatu 10, 33100 Tampere" }).click();

      const hint = page.getByRole("region", { name: "Lähellä on jo ilmoitettu" });
      await hint.waitFor();
      await expect.poll(() => hint.textContent()).toContain(earlier.reference);
      expect(await hint.textContent()).toContain("Kuopat ja päällysteet, 33 m päässä");
      expect(await hint.textContent()).not.toContain("Syvä kuoppa");
      await page.getByRole("button", { name: "Valitse paikka kartalta" }).click();
      await page.locator(".map-canvas.leaflet-container").waitFor();
      await expect.poll(() => page.locator(".map-nearby").count()).toBeGreaterThan(0);
      await expectAccessible(page, "the form with the map and the duplicate hint");

      // The error state, with the map open.
      await page.getByRole("button", { name: "Lähetä" }).click();
      await page.locator(".error-summary").waitFor();
      await expectAccessible(page, "the form's error state with the map open");

      await page.getByRole("button", { name: `Minulla on sama asia (${earlier.reference})` }).click();
      const email = page.getByLabel("Sähköpostiosoite (vapaaehtoinen)");
      expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
      await email.fill("naapuri@example.fi");
      await expectAccessible(page, "the follow form");
      await page.getByRole("button", { name: "Seuraa tätä ilmoitusta" }).click();
      await page.getByRole("heading", { level: 1, name: "Kiitos! Seuraat nyt aiempaa ilmoitusta" }).waitFor();
      expect((await activeElement(page)).tag).toBe("H1");
      expect(await page.locator("main").textContent()).toContain("Kerroimme käsittelijöille, että asia koskee myös sinua.");
      await expectAccessible(page, "the follow confirmation");
      expect(await page.evaluate((slug) => localStorage.getItem(`yhteys.portal.draft.${slug}`), e2e.tenant.slug)).toBeNull();
      expect((await staffTicket(earlier.reference)).followers).toBe(1);
      await page.context().close();
    },
    SLOW,
  );

  it(
    "uses the device's position and shows its address, and says so when the position is refused",
    async () => {
      const start = await hameenkatu10();
      const allowed = await e2e.browser.newContext({
        locale: "en-GB",
        geolocation: { latitude: start.lat + 0.00002, longitude: start.lon },
        permissions: ["geolocation"],
      });
      await allowed.addInitScript(() => localStorage.setItem("yhteys.language", "en"));
      const page = await allowed.newPage();
      await openForm(page);
      await page.getByRole("button", { name: "Use my location" }).click();
      await expect.poll(() => page.locator(".location-status").textContent()).toBe("Chosen place: Hämeenkatu 10, 33100 Tampere");
      expect(await page.locator("#address").inputValue()).toBe("Hämeenkatu 10, 33100 Tampere");
      await allowed.close();

      const refused = await newPage(e2e, "en");
      await openForm(refused);
      await refused.getByRole("button", { name: "Use my location" }).click();
      await expect
        .poll(() => refused.locator(".location-status").textContent())
        .toBe("We could not get your location. You can type the address or place in the field.");
      await refused.context().close();
    },
    SLOW,
  );
});
