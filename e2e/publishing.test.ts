/**
 * Publishing in a real browser (M5, P5): a handler publishes a contact from the console with the
 * personal data removed (one removal undone and redone) and one photo approved; the portal's
 * feedback list, map and detail page show it without personal data; unpublishing withdraws it.
 * A contact whose resident refused publishing is explained and not offered for publishing.
 * axe on every page and state; the portal list is used with the keyboard.
 */

import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanPhotos, signIn, submitContact, uploadAttachment } from "../apps/server/test/harness.ts";
import { consoleSignedIn, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

const SLOW = 180_000;
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

const signedIn = (userKey: string) => consoleSignedIn(e2e, userKey);

/** The advisor's API client, the ticket's id, and its publish panel open in the console. */
async function publishPanel(reference: string) {
  const api = await signIn(e2e.app, e2e.tenant, "advisor");
  const id = (await api.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
  const console = await signedIn("advisor");
  await console.goto(`${e2e.baseUrl}/console/tickets/${id}`);
  return { api, id, console, panel: console.getByRole("region", { name: "Julkaisu palautekartalla" }) };
}

describe("publishing a contact", () => {
  it("removes personal data, publishes with an approved photo, shows it in the portal and withdraws it", { timeout: SLOW }, async () => {
    const { tenant } = e2e;
    const receipt = await submitContact(e2e.app, tenant, {
      description: "Auto ABC-123 on pysäköity suojatielle Hervannassa. Soittakaa 040 765 4321.\nTerveisin Maija Meikäläinen",
      location: { lat: 61.45, lon: 23.85 },
      wantsReply: true,
      contact: { name: "Maija Meikäläinen", email: "maija.meikalainen@example.test" },
      publishConsent: true,
    });
    const image = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#4a8" } })
      .jpeg()
      .toBuffer();
    expect((await uploadAttachment(e2e.app, tenant, receipt.trackingToken, "kuva.jpg", image)).statusCode).toBe(201);
    await cleanPhotos(e2e.ctx);
    const { console, panel } = await publishPanel(receipt.reference);
    await panel.getByText("Ei julkaistu.").waitFor();
    await panel.getByText("Asukas antoi luvan julkaista.").waitFor();
    await panel.getByRole("button", { name: "Julkaise…" }).click();
    const text = panel.getByLabel("Julkinen teksti");
    await expect.poll(() => text.inputValue()).toContain("[rekisterinumero]");
    expect(await text.inputValue()).toBe(
      "Auto [rekisterinumero] on pysäköity suojatielle Hervannassa. Soittakaa [puhelinnumero].\nTerveisin [nimi]",
    );
    await expectAccessible(console, "the publish panel");
    // Undo the plate's removal, then remove it again.
    const plate = panel.getByRole("button", { name: "Palauta ABC-123" });
    await plate.click();
    expect(await text.inputValue()).toContain("ABC-123");
    await panel.getByRole("button", { name: "Poista ABC-123" }).click();
    expect(await text.inputValue()).not.toContain("ABC-123");
    await panel.getByLabel("Julkaise kuva kuva.jpg").check();
    await panel.getByRole("button", { name: "Julkaise", exact: true }).click();
    await panel.getByText(/^Julkaistu .*Sanna Neuvoja/).waitFor();
    await expect
      .poll(() => console.getByRole("region", { name: "Historia" }).textContent())
      .toContain("julkaisi yhteydenoton palautekartalle");

    // A district imported in ETRS-TM35FIN (Pyynikki, not Hervanta), for the area filter below.
    const imported = await (await signIn(e2e.app, tenant, "admin")).request({
      method: "PUT",
      url: "/api/staff/admin/areas",
      headers: { "content-type": "application/geo+json" },
      payload: JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { code: "pyynikki", name_fi: "Pyynikki" },
            geometry: {
              type: "Polygon",
              coordinates: [
                [
                  [324325.58, 6821815.12],
                  [325389.64, 6821761.37],
                  [325445.68, 6822874.31],
                  [324381.97, 6822928.04],
                  [324325.58, 6821815.12],
                ],
              ],
            },
          },
        ],
      }),
    });
    expect(imported.statusCode, imported.body).toBe(200);

    // The portal: the list first, with the keyboard.
    const portal = await newPage(e2e, "fi");
    await portal.goto(`${e2e.baseUrl}/${tenant.slug}/palautteet`);
    await portal.getByRole("heading", { level: 1, name: "Palautteet ja vastaukset" }).waitFor();
    await portal.getByRole("status").filter({ hasText: "1 palaute." }).waitFor();
    const main = portal.locator("main");
    expect(await main.textContent()).toContain("Auto [rekisterinumero] on pysäköity suojatielle");
    for (const secret of ["Maija", "Meikäläinen", "765 4321", "ABC-123"]) expect(await main.textContent()).not.toContain(secret);
    await expectAccessible(portal, "the feedback list");

    await tabTo(portal, "select[id$='-status']");
    // "Ratkaistu" (the third choice after "Kaikki"): the contact is still new, so none match.
    for (let i = 0; i < 3; i++) await portal.keyboard.press("ArrowDown");
    await tabTo(portal, "button[type=submit]");
    await portal.keyboard.press("Enter");
    await portal.getByRole("status").filter({ hasText: "Ei palautteita näillä rajauksilla." }).waitFor();
    expect(portal.url()).toContain("status=");
    await portal.getByRole("button", { name: "Tyhjennä rajaukset" }).click();
    await portal.getByRole("status").filter({ hasText: "1 palaute." }).waitFor();

    // By area, among them the imported one.
    const area = portal.getByLabel("Alue", { exact: true });
    await area.locator("option", { hasText: "Pyynikki" }).waitFor({ state: "attached" });
    await area.selectOption({ label: "Pyynikki" });
    await portal.locator("form.feedback-filters button[type=submit]").click();
    await portal.getByRole("status").filter({ hasText: "Ei palautteita näillä rajauksilla." }).waitFor();
    expect(portal.url()).toContain("area=pyynikki");
    await area.selectOption({ label: "Hervanta" });
    await portal.locator("form.feedback-filters button[type=submit]").click();
    await portal.getByRole("status").filter({ hasText: "1 palaute." }).waitFor();
    expect(portal.url()).toContain("area=hervanta");
    await portal.getByRole("button", { name: "Tyhjennä rajaukset" }).click();
    await portal.getByRole("status").filter({ hasText: "1 palaute." }).waitFor();

    // The optional map, with no tiles.
    await portal.getByRole("button", { name: "Näytä kartalla" }).click();
    await portal.locator(".feedback-map .leaflet-container").waitFor();
    await expectAccessible(portal, "the feedback list with the map open");

    // The detail page, by its shareable URL.
    await portal.getByRole("link", { name: new RegExp(receipt.reference) }).click();
    await portal.getByRole("heading", { level: 1, name: new RegExp(receipt.reference) }).waitFor();
    expect(portal.url()).toBe(`${e2e.baseUrl}/${tenant.slug}/palautteet/${receipt.reference}`);
    const photo = portal.getByRole("img", { name: `Kuva palautteesta ${receipt.reference} (1)` });
    await photo.waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(portal, "the feedback detail page");
    // Its location: the area by name, and this one contact on a map centred on it (not raw coordinates).
    const detail = portal.locator("article.feedback-detail");
    expect(await detail.textContent()).toContain("Hervanta");
    expect(await detail.textContent()).not.toMatch(/61[,.]\d{3}/);
    await detail.getByRole("button", { name: "Näytä kartalla" }).click();
    await detail.locator(".feedback-map .leaflet-container").waitFor();
    await expect.poll(() => detail.locator(".feedback-map path.leaflet-interactive").count()).toBe(1);
    await expectAccessible(portal, "the feedback detail page with its map");

    // Unpublish: the detail page no longer shows it.
    await panel.getByRole("button", { name: "Poista julkaisu" }).click();
    await panel.getByText("Ei julkaistu.").waitFor();
    // A new visitor (responses may be cached for a minute by a browser that saw them).
    const visitor = await newPage(e2e, "fi");
    await visitor.goto(`${e2e.baseUrl}/${tenant.slug}/palautteet/${receipt.reference}`);
    await visitor.getByText("Palautetta ei löytynyt.", { exact: false }).waitFor();
    await expectAccessible(visitor, "a withdrawn feedback page");
  });

  it("explains a resident's refusal and offers no publish button", { timeout: SLOW }, async () => {
    const { tenant } = e2e;
    const receipt = await submitContact(e2e.app, tenant, { description: "Roskis on täynnä torilla", publishConsent: false });
    const { api, id, console, panel } = await publishPanel(receipt.reference);
    await panel.getByText("Asukas ei antanut lupaa julkaista.").waitFor();
    expect(await panel.textContent()).toContain("asiaa ei voi julkaista palautekartalle");
    expect(await panel.getByRole("button", { name: "Julkaise…" }).count()).toBe(0);
    await expectAccessible(console, "the publish panel of a contact whose resident refused publishing");
    // The server refuses too, whatever a client sends.
    const refused = await api.put(`/api/staff/tickets/${id}/publication`, { publicText: "Roskis on täynnä." });
    expect(refused.statusCode).toBe(409);
  });
});
