/**
 * The whole contact lifecycle in real browsers: a resident finds the category by search, answers
 * its extra fields, chooses the place by address search and a click on the map, attaches a photo
 * and sends; the contact appears live in the expert's open queue with its details, place and
 * photo; the expert answers and resolves it, and the resident reads the answer on the tracking
 * page beside their photo.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../apps/server/test/harness.ts";
import { type E2E, expectAccessible, imageLoaded, newPage, phonePhoto, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("a contact from the resident to the answer", () => {
  it("with extra fields, a place on the map and a photo is sent, appears live in the console, is answered, and the resident reads the answer", {
    timeout: 180_000,
  }, async () => {
    const expertEmail = e2e.tenant.users.expert?.email ?? "";
    const answer = "Kiitos ilmoituksesta! Kuoppa paikataan huomenna.";

    // The expert has the streets queue open, with the live connection up.
    const expert = await newPage(e2e, "fi");
    await expert.goto(`${e2e.baseUrl}/console/`);
    await expert.getByLabel("Sähköposti").fill(expertEmail);
    await expert.getByLabel("Salasana").fill("demo");
    await expert.getByRole("button", { name: "Kirjaudu sisään" }).click();
    await expert
      .getByRole("navigation", { name: "Jonot" })
      .getByRole("link", { name: /^Katu- ja liikenneyksikkö/ })
      .click();
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toBe("Katu- ja liikenneyksikkö");
    await expert.locator('[data-live="connected"]').waitFor();

    // The resident reports a flickering street light: category by search, its extra fields, the
    // place by address search and then a click on the map, a photo, and a request for a reply.
    const resident = await newPage(e2e, "fi");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
    await resident.locator("#category-filter").fill("katuval");
    const lighting = resident.locator(`#category-${e2e.tenant.categories["street-lighting"]}`);
    await expect.poll(() => resident.locator('input[name="category"]').count()).toBe(1);
    await lighting.check();
    await resident.locator("#extra-lamp_state-flicker").check();
    await resident.locator("#extra-pole_number").fill("TRE-2211");
    const description = "Katuvalo vilkkuu Hämeenkadulla koulun kohdalla, kuva liitteenä.";
    await resident.locator("#description").fill(description);

    await resident.locator("#address").fill("hämeenkatu 1");
    await resident.getByRole("option", { name: "Hämeenkatu 10, 33100 Tampere" }).click();
    await expect.poll(() => resident.locator(".location-status").textContent()).toBe("Valittu kohta: Hämeenkatu 10, 33100 Tampere");
    await resident.getByRole("button", { name: "Valitse paikka kartalta" }).click();
    const map = resident.locator(".map-canvas.leaflet-container");
    await map.waitFor();
    const box = await map.boundingBox();
    if (!box) throw new Error("the map has no size");
    // A click a little north-east of the pin, which starts at the address found.
    await resident.mouse.click(box.x + box.width / 2 + 60, box.y + box.height / 2 - 40);
    await expect.poll(() => resident.locator(".location-status").textContent()).toMatch(/^Valittu kohta: Hämeenkatu \d+, 33100 Tampere$/);
    const place = ((await resident.locator(".location-status").textContent()) ?? "").replace("Valittu kohta: ", "");

    await resident
      .getByLabel(/Liitä kuvia tai tiedostoja/)
      .setInputFiles([{ name: "katuvalo.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() }]);
    await expect.poll(() => imageLoaded(resident, ".file-list .file-preview")).toBe(true);
    await resident.locator("#wants-reply").check();
    await resident.locator("#email").fill("asukas@example.fi");
    await expectAccessible(resident, "the full form: extra fields, a place on the map and a photo");
    await resident.getByRole("button", { name: "Lähetä" }).click();
    await resident.getByRole("heading", { level: 1, name: "Kiitos, viestisi on vastaanotettu" }).waitFor();
    const sentAt = Date.now();
    const reference = (await resident.getByTestId("reference").textContent())?.trim() ?? "";
    const trackingUrl = await resident.locator("#tracking-link").inputValue();
    expect(reference).toMatch(/^YH-\d{4}-\d{6,}$/);
    // It appears in the expert's open queue without a reload, within a second.
    const row = expert.getByRole("link", { name: reference, exact: true });
    await row.waitFor({ timeout: 1000 });
    expect(Date.now() - sentAt).toBeLessThan(1000);

    // The expert opens it, answers and resolves it.
    await row.click();
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toContain(reference);
    expect(await expert.getByRole("region", { name: "Viestit" }).count()).toBe(1);
    // The expert sees what the resident gave: the extra fields by their labels, the place, the photo.
    const facts = expert.locator("main");
    await expect.poll(() => facts.textContent()).toContain(description);
    expect(await facts.textContent()).toContain("Mikä on vialla?");
    expect(await facts.textContent()).toContain("Vilkkuu");
    expect(await facts.textContent()).toContain("TRE-2211");
    expect(await facts.textContent()).toContain(place);
    expect(await expert.getByRole("link", { name: "Näytä kartalla" }).count()).toBeGreaterThan(0);
    const attachments = expert.getByRole("region", { name: "Liitteet" });
    await attachments.getByRole("link", { name: /katuvalo\.jpg/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => imageLoaded(expert, ".attachments img")).toBe(true);
    await expert.getByLabel("Vastaus", { exact: true }).fill(answer);
    await expert.getByLabel("Merkitse ratkaistuksi").check();
    await expert.getByRole("button", { name: "Lähetä vastaus" }).click();
    await expert.getByRole("status").filter({ hasText: "Vastaus lähetetty." }).waitFor();
    await expectAccessible(expert, "the answered ticket in the console");

    // The resident reads the answer on the tracking page.
    await resident.goto(trackingUrl);
    await resident.locator(".status-badge").waitFor();
    expect(await resident.locator(".status-badge").getAttribute("data-state")).toBe("resolved");
    expect(await resident.locator(".status-badge").textContent()).toBe("Ratkaistu");
    expect(await resident.locator("main").textContent()).toContain(answer);
    expect(await resident.locator("main").textContent()).not.toContain("Eero");
    await resident
      .getByRole("region", { name: "Liitteesi" })
      .getByRole("link", { name: /katuvalo\.jpg/ })
      .waitFor();
    await expect.poll(() => imageLoaded(resident, ".attachment-grid img")).toBe(true);
    await expectAccessible(resident, "the tracking page with the answer");
    // The place sent: the click moved the pin north-east of the address found, a few tens of metres.
    const found = (await e2e.app.inject({ method: "GET", url: `/api/public/${e2e.tenant.slug}/addresses?q=H%C3%A4meenkatu%2010` })).json()
      .items[0].location as { lat: number; lon: number };
    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    const id = (await staff.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
    const sent = (await staff.get(`/api/staff/tickets/${id}`)).json() as { location: { lat: number; lon: number }; address: string };
    expect(sent.location.lat).toBeGreaterThan(found.lat);
    expect(sent.location.lon).toBeGreaterThan(found.lon);
    expect(sent.location.lat - found.lat).toBeLessThan(0.002);
    expect(sent.address).toBe(place);
  });
});
