/**
 * Rich-text replies in real browsers: a content admin writes a reply template and the group's
 * signature as rich text on the admin page, an expert inserts the template into a reply and adds
 * formatting with the keyboard and the toolbar, and the resident sees the reply formatted (and
 * safe) on the tracking page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { consoleSignedIn, type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("a rich-text reply", () => {
  it("is written as a template and signature by a content admin on the admin page", async () => {
    // The content admin writes a template for their group, with a placeholder, in bold.
    const admin = await consoleSignedIn(e2e, "contentadmin");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Vastauspohjat" }).click();
    await admin.getByRole("heading", { level: 1, name: "Vastauspohjat ja allekirjoitukset" }).waitFor();
    const form = admin.getByRole("region", { name: "Uusi vastauspohja" });
    // Only their own group's: no organisation-wide templates for a content admin.
    expect(await form.getByLabel("Ryhmä").locator("option").allTextContents()).toEqual(["Katu- ja liikenneyksikkö"]);
    await form.getByLabel("Nimi").fill("Kuoppa korjataan");
    const body = form.getByRole("textbox", { name: "Teksti" });
    await body.click();
    await admin.keyboard.type("Hei {{resident.name}}, ");
    await admin.keyboard.press("Control+B");
    await admin.keyboard.type("kuoppa korjataan tällä viikolla");
    await admin.keyboard.press("Control+B");
    await admin.keyboard.type(".");
    // The preview fills the placeholders with example details.
    const preview = form.getByRole("region", { name: "Esikatselu esimerkkitiedoilla" });
    await expect.poll(() => preview.textContent()).toContain("Hei Maija Meikäläinen, kuoppa korjataan tällä viikolla.");
    expect(await preview.locator("strong").textContent()).toBe("kuoppa korjataan tällä viikolla");
    await form.getByRole("button", { name: "Luo vastauspohja" }).click();
    await admin.getByRole("row", { name: /Kuoppa korjataan/ }).waitFor();
    expect(await admin.getByRole("row", { name: /Kuoppa korjataan/ }).textContent()).toContain("Katu- ja liikenneyksikkö");
    // And the group's Finnish signature, in italics from the toolbar.
    const signatures = admin.getByRole("region", { name: "Ryhmien allekirjoitukset" });
    await signatures.getByRole("textbox", { name: "Allekirjoitus" }).click();
    await signatures.getByRole("button", { name: "Kursiivi" }).click();
    await admin.keyboard.type("{{group.name}}");
    await signatures.getByRole("button", { name: "Tallenna allekirjoitus" }).click();
    await admin.getByText("Allekirjoitus tallennettiin.").waitFor();
    await expectAccessible(admin, "the reply templates admin page");
    // Saved as sanitised rich text.
    const content = await signIn(e2e.app, e2e.tenant, "contentadmin");
    const saved = (await content.get("/api/staff/admin/reply-templates")).json().items;
    expect(saved).toHaveLength(1);
    expect(saved[0].html).toMatch(/^<p>Hei \{\{resident\.name\}\},(\s|&nbsp;)<strong>kuoppa korjataan tällä viikolla<\/strong>\.<\/p>$/);
  });

  it("is written by an expert from a template with formatting and read formatted by the resident", async () => {
    const content = await signIn(e2e.app, e2e.tenant, "contentadmin");
    const streets = e2e.tenant.groups.streets;
    const created = await content.post("/api/staff/admin/reply-templates", {
      groupId: streets,
      language: "fi",
      name: "Kuoppa paikataan",
      html: "<p>Hei {{resident.name}}, <b>kuoppa korjataan tällä viikolla</b>.</p>",
    });
    expect(created.statusCode).toBe(201);
    await content.put(`/api/staff/admin/signatures/${streets}/fi`, { html: "<p><em>{{group.name}}</em></p>" });

    // A resident asks for a reply.
    const receipt = await submitContact(e2e.app, e2e.tenant, {
      wantsReply: true,
      contact: { name: "Liisa Asukas", email: "liisa@example.fi" },
    });
    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    const ticketId = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;

    // The expert inserts the template, adds a list and a link, and sends the reply.
    const expert = await consoleSignedIn(e2e, "expert");
    await expert.goto(`${e2e.baseUrl}/console/tickets/${ticketId}`);
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);
    await expert.getByLabel("Lisää vastauspohja").selectOption({ label: "Kuoppa paikataan" });
    const reply = expert.getByRole("textbox", { name: "Vastaus", exact: true });
    await expect.poll(() => reply.textContent()).toBe("Hei Liisa Asukas, kuoppa korjataan tällä viikolla.");
    await expert.keyboard.press("Enter");
    await expert.getByRole("button", { name: "Luettelo", exact: true }).click();
    await expert.keyboard.type("paikkaus maanantaina");
    await expert.keyboard.press("Enter");
    await expert.keyboard.type("merkinnät tiistaina");
    await expert.keyboard.press("Enter");
    await expert.keyboard.press("Enter");
    await expert.keyboard.type("Lisätietoa: ");
    await expert.keyboard.press("Control+K");
    const address = expert.getByLabel("Linkin osoite");
    await expect.poll(() => expert.evaluate(() => document.activeElement?.id)).toBe(await address.getAttribute("id"));
    await address.fill("javascript:alert(1)");
    await address.press("Enter");
    await expert.getByRole("alert").filter({ hasText: "Anna verkko-osoite" }).waitFor();
    await address.fill("kaupunki.example/katutyot");
    await address.press("Enter");
    expect(await reply.locator("a").getAttribute("href")).toBe("https://kaupunki.example/katutyot");
    expect(await expert.getByText("Vastauksen loppuun lisätään allekirjoitus:").isVisible()).toBe(true);
    await expert.getByRole("button", { name: "Lähetä vastaus" }).click();
    await expert.getByRole("status").filter({ hasText: "Vastaus lähetetty." }).waitFor();
    // The console's history shows it formatted too.
    const history = expert.getByRole("region", { name: "Viestit" });
    await history.locator(".message-reply .rich-text strong").waitFor();
    expect(await history.locator(".message-reply .rich-text li").allTextContents()).toEqual([
      "paikkaus maanantaina",
      "merkinnät tiistaina",
    ]);
    await expectAccessible(expert, "the ticket with a rich-text reply");

    // The resident reads it formatted on the tracking page, links safe, accessible.
    const resident = await newPage(e2e, "fi");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/track/${receipt.trackingToken}`);
    const answer = resident.locator(".message-city");
    await answer.waitFor();
    expect(await answer.locator("strong").textContent()).toBe("kuoppa korjataan tällä viikolla");
    expect(await answer.locator("ul li").allTextContents()).toEqual(["paikkaus maanantaina", "merkinnät tiistaina"]);
    const link = answer.getByRole("link", { name: "kaupunki.example/katutyot" });
    expect(await link.getAttribute("href")).toBe("https://kaupunki.example/katutyot");
    expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await answer.locator("em").textContent()).toBe("Katu- ja liikenneyksikkö");
    expect(await answer.textContent()).not.toContain("{{");
    await expectAccessible(resident, "the tracking page with a rich-text reply");
  });
});
