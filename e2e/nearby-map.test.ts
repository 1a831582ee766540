/**
 * The map of nearby tickets in the console's ticket view, in a real browser with no tiles (issue 4):
 * Leaflet loads only for a located ticket's panel; the map draws one marker per listed ticket,
 * open and finished ones in different shapes, the ticket's own pin labelled; a click or Enter on a
 * marker opens that ticket, as its link in the list does. axe clean.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { consoleSignedIn, type E2E, expectAccessible, startE2E } from "./harness.ts";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

/** A point `north` and `east` metres from `from`. */
const offset = (from: { lat: number; lon: number }, north: number, east: number) => ({
  lat: from.lat + north / 111_195,
  lon: from.lon + east / (111_195 * Math.cos((from.lat * Math.PI) / 180)),
});

describe("the map of nearby tickets", () => {
  it("draws the listed tickets as markers that open them, and loads only for a located ticket", async () => {
    const here = { lat: 61.4811, lon: 23.7934 };
    const open = await submitContact(e2e.app, e2e.tenant, { description: "Katuvalo pimeänä", location: offset(here, -60, 90) });
    const finished = await submitContact(e2e.app, e2e.tenant, {
      description: "Lasinsiruja pyörätiellä",
      location: offset(here, -120, -80),
    });
    const current = await submitContact(e2e.app, e2e.tenant, { location: here });
    const unlocated = await submitContact(e2e.app, e2e.tenant, { description: "Ei sijaintia" });
    const staff = await signIn(e2e.app, e2e.tenant, "advisor");
    const idOf = async (reference: string) => (await staff.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
    expect((await staff.post(`/api/staff/tickets/${await idOf(finished.reference)}/state`, { state: "resolved" })).statusCode).toBe(200);

    const advisor = await consoleSignedIn(e2e, "advisor");
    const scripts: string[] = [];
    advisor.on("request", (request) => scripts.push(request.url()));
    const leafletLoaded = () => scripts.some((url) => /\/assets\/NearbyMap-/.test(url));

    // A ticket without a location has no nearby panel: nothing of the map loads.
    await advisor.goto(`${e2e.baseUrl}/console/tickets/${await idOf(unlocated.reference)}`);
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toContain(unlocated.reference);
    expect(leafletLoaded()).toBe(false);

    await advisor.goto(`${e2e.baseUrl}/console/tickets/${await idOf(current.reference)}`);
    const around = advisor.getByRole("region", { name: "Lähellä olevat yhteydenotot" });
    const listed = around.getByRole("list").getByRole("listitem");
    await expect.poll(() => listed.count()).toBe(2);
    const map = around.getByRole("region", { name: "Kartta lähellä olevista yhteydenotoista" });
    await map.waitFor();
    expect(leafletLoaded()).toBe(true);

    // One marker per listed ticket, told apart by shape; the ticket's own pin is labelled on the map.
    const markers = map.locator(".nearby-marker");
    await expect.poll(() => markers.count()).toBe(await listed.count());
    const openMarker = map.getByRole("button", { name: new RegExp(`^${open.reference}, Uusi`) });
    const finishedMarker = map.getByRole("button", { name: new RegExp(`^${finished.reference}, Ratkaistu`) });
    expect(await openMarker.getAttribute("class")).toContain("nearby-marker-open");
    expect(await finishedMarker.getAttribute("class")).toContain("nearby-marker-finished");
    expect(await map.locator(".nearby-own").count()).toBe(1);
    expect(await map.textContent()).toContain("Tämä yhteydenotto");
    await expectAccessible(advisor, "a ticket with the map of contacts nearby");

    // A wider radius redraws the map from the same answer as the list.
    await around.getByLabel("Etäisyys enintään").selectOption("2000");
    await expect.poll(() => around.getByRole("status").textContent()).toContain("2000 metrin säteellä");
    await expect.poll(async () => (await markers.count()) === (await listed.count())).toBe(true);

    // Enter on a focused marker opens that ticket; so does a click.
    await finishedMarker.focus();
    await advisor.keyboard.press("Enter");
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toContain(finished.reference);
    expect(advisor.url()).toBe(`${e2e.baseUrl}/console/tickets/${await idOf(finished.reference)}`);
    await advisor.goBack();
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toContain(current.reference);
    await map.getByRole("button", { name: new RegExp(`^${open.reference},`) }).click();
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toContain(open.reference);
    expect(advisor.url()).toBe(`${e2e.baseUrl}/console/tickets/${await idOf(open.reference)}`);
  });
});
