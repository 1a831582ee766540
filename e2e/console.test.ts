/**
 * The staff console in a real browser against the real server: sign-in, queues, live updates,
 * handling a ticket, forwarding, the external partner's restricted view, and accessibility.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function openConsole(language: "fi" | "sv" | "en" = "fi"): Promise<Page> {
  const page = await newPage(e2e, language);
  await page.goto(`${e2e.baseUrl}/console/`);
  return page;
}

async function logIn(page: Page, userKey: string, password = "demo") {
  const email = e2e.tenant.users[userKey]?.email;
  if (!email) throw new Error(`no user ${userKey}`);
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill(password);
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
}

/** Signs in and waits until the queues are shown and the live connection is open. */
async function signedInPage(userKey: string): Promise<Page> {
  const page = await openConsole();
  await logIn(page, userKey);
  await page.getByRole("navigation", { name: "Jonot" }).waitFor();
  await page.locator('[data-live="connected"]').waitFor();
  return page;
}

async function ticketId(reference: string): Promise<string> {
  const advisor = await signIn(e2e.app, e2e.tenant, "advisor");
  const res = await advisor.get(`/api/staff/tickets?q=${encodeURIComponent(reference)}&limit=10`);
  const list = res.json() as { items: { id: string; reference: string }[] };
  const found = list.items.find((t) => t.reference === reference);
  if (found) return found.id;
  const all = (await advisor.get("/api/staff/tickets?limit=100")).json() as { items: { id: string; reference: string }[] };
  const row = all.items.find((t) => t.reference === reference);
  if (!row) throw new Error(`ticket ${reference} not found`);
  return row.id;
}

describe("staff console", () => {
  it("lets an advisor sign in and see every queue, including the unclear queue, accessibly", async () => {
    const existing = await submitContact(e2e.app, e2e.tenant, { description: "Katuvalo ei pala Hämeenkadulla" });
    const page = await openConsole();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Kirjaudu asiointikonsoliin");
    // The organisation comes from /api/instance.
    // The organisation's name, not its short name.
    const { name } = (await e2e.app.inject({ url: `/api/public/${e2e.tenant.slug}` })).json();
    await expect.poll(() => page.getByText(`Organisaatio: ${name.fi}`).count()).toBe(1);
    expect(name.fi).not.toBe(e2e.tenant.slug);
    await expectAccessible(page, "the sign-in page");

    await logIn(page, "advisor");
    const nav = page.getByRole("navigation", { name: "Jonot" });
    await nav.waitFor();
    await expect.poll(() => page.getByText("Sanna Neuvoja").count()).toBe(1);
    expect(await page.getByText("Palveluneuvoja", { exact: true }).count()).toBe(1);
    const queueNames = await nav.getByRole("link").allTextContents();
    expect(queueNames.map((n) => n.replace(/\d.*$/, "").trim())).toEqual([
      "Kaikki",
      "Omat",
      "Pyynnöt minulle",
      "Palveluneuvontaepäselvät",
      "Viheralueet",
      "Liikuntapalvelut",
      "Katu- ja liikenneyksikkö",
      "Siisteys ja jätehuolto",
    ]);
    expect(await nav.getByRole("link", { name: /Palveluneuvonta/ }).textContent()).toContain("epäselvät");

    // Home is the "All" queue, as an accessible table with the existing contact.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Kaikki");
    expect(await nav.getByRole("link", { name: /^Kaikki/ }).getAttribute("aria-current")).toBe("page");
    const row = page.getByRole("row", { name: new RegExp(existing.reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain("Katuvalo ei pala Hämeenkadulla");
    expect(await row.textContent()).toContain("Uusi");
    expect(await page.locator("table caption").textContent()).toMatch(/^Kaikki: \d+ yhteydenottoa$/);
    expect(await page.getByRole("columnheader", { name: "Saapunut" }).getAttribute("aria-sort")).toBe("descending");
    await expectAccessible(page, "the queue page");

    // A search by a stemmed word marks the matched word in the result's summary.
    await page.getByLabel("Hae yhteydenotoista").fill("katuvaloja");
    await page.getByRole("button", { name: "Hae", exact: true }).click();
    const found = page.getByRole("row", { name: new RegExp(existing.reference) });
    await expect.poll(() => found.locator("mark").allTextContents()).toEqual(["Katuvalo"]);
    await expectAccessible(page, "search results");
    await page.getByRole("button", { name: "Tyhjennä haku" }).click();
    await expect.poll(() => page.locator("table caption").textContent()).toMatch(/^Kaikki: \d+ yhteydenottoa$/);

    // Sorting by reference through the column header button. While the sorted list is on its
    // way, the old rows stay readable at full contrast (the list is marked busy, not faded).
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/staff/tickets?*sort=reference*", async (route) => {
      await held;
      await route.fallback();
    });
    await page.getByRole("button", { name: "Tunnus" }).click();
    await expect.poll(() => page.locator("table.tickets").getAttribute("aria-busy")).toBe("true");
    await expectAccessible(page, "a queue while it refreshes");
    release();
    await page.unrouteAll();
    await expect.poll(() => page.getByRole("columnheader", { name: "Tunnus" }).getAttribute("aria-sort")).toBe("ascending");
    expect(page.url()).toContain("sort=reference");

    // The language switcher changes the whole UI.
    await page.getByLabel("Kieli").selectOption("sv");
    await page.getByRole("navigation", { name: "Köer" }).waitFor();
    expect(await page.getByRole("button", { name: "Logga ut" }).count()).toBe(1);
    await page.getByLabel("Språk").selectOption("fi");
    await page.context().close();
  });

  it("says why a queue is empty and offers the next step", async () => {
    const page = await signedInPage("advisor");
    await page.getByLabel("Hae yhteydenotoista").fill("qqzzxx");
    await page.getByRole("button", { name: "Hae", exact: true }).click();
    await page.getByText("Ei yhteydenottoja tällä rajauksella.").waitFor();
    await page.getByRole("link", { name: "Poista rajaukset" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBeNull();
    await expect.poll(() => page.getByText("Ei yhteydenottoja tällä rajauksella.").count()).toBe(0);
    // Nothing asked of the advisor: the text is about the queue, not about filters.
    await page
      .getByRole("navigation", { name: "Jonot" })
      .getByRole("link", { name: /^Pyynnöt minulle/ })
      .click();
    await page.getByText("Sinulta ei ole pyydetty kommentteja tai tietoja tässä tilassa.").waitFor();
    await page.context().close();
  });

  it("shows a contact submitted through the public API in the open queue within a second, without reloading", async () => {
    const page = await signedInPage("advisor");
    await page.getByRole("table").waitFor();
    await page.waitForLoadState("networkidle");
    const started = Date.now();
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Roskakori kaatunut puistossa" });
    const submitted = Date.now();
    await page.getByRole("link", { name: receipt.reference, exact: true }).waitFor({ state: "visible", timeout: 1000 });
    const latency = Date.now() - submitted;
    console.log(`live update: row visible ${latency} ms after the submit answered (${submitted - started} ms to submit)`);
    expect(latency).toBeLessThan(1000);
    // The new contact is announced politely, and the queue counts follow.
    await expect.poll(() => page.locator('[aria-live="polite"]').last().textContent()).toBe(`Uusi yhteydenotto ${receipt.reference}`);
    await page.context().close();
  });

  it("lets an expert of the streets group reply and resolve, and the history shows both", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Kuoppa pyörätiellä Tammelan puistokadulla" });
    const page = await signedInPage("expert");
    await page
      .getByRole("navigation", { name: "Jonot" })
      .getByRole("link", { name: /Katu- ja liikenneyksikkö/ })
      .click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Katu- ja liikenneyksikkö");
    await page.getByRole("link", { name: receipt.reference, exact: true }).click();

    const heading = page.getByRole("heading", { level: 1 });
    await expect.poll(() => heading.textContent()).toContain(receipt.reference);
    expect(await heading.textContent()).toContain("Kuoppa pyörätiellä");
    // Focus moves to the ticket's heading after navigation.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("ticket-heading");
    const details = page.getByRole("region", { name: "Tiedot", exact: true });
    expect(await details.textContent()).toContain("Katu- ja liikenneyksikkö");
    expect(await details.textContent()).toContain("Verkkolomake");
    await expectAccessible(page, "the ticket page");

    await page.getByLabel("Vastaus", { exact: true }).fill("Kiitos ilmoituksesta, kuoppa paikataan tällä viikolla.");
    await page.getByLabel("Merkitse ratkaistuksi").check();
    await page.getByRole("button", { name: "Lähetä vastaus" }).click();

    const status = page.getByRole("status").filter({ hasText: "Vastaus lähetetty." });
    await status.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Vastaus lähetetty.");
    const history = page.getByRole("region", { name: "Historia" });
    await expect.poll(() => history.textContent()).toContain("Eero Asiantuntija vastasi asukkaalle.");
    expect(await history.textContent()).toContain("Eero Asiantuntija muutti tilan: Uusi → Ratkaistu.");
    expect(await history.textContent()).toContain("Asukas loi yhteydenoton (kanava: Verkkolomake).");
    const messages = page.getByRole("region", { name: "Viestit" });
    expect(await messages.textContent()).toContain("Kiitos ilmoituksesta, kuoppa paikataan tällä viikolla.");
    expect(await details.textContent()).toContain("Ratkaistu");
    // A resolved ticket offers reopening.
    expect(await page.getByRole("button", { name: "Avaa uudelleen" }).count()).toBe(1);
    await expectAccessible(page, "the ticket page after resolving");
    await page.context().close();
  });

  it("lets an advisor forward a ticket to another group, and the ticket moves queues", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Puiston penkki rikki, kuuluu viheralueille" });
    const page = await signedInPage("advisor");
    await page.getByRole("link", { name: receipt.reference, exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);

    await page
      .getByRole("region", { name: "Siirrä", exact: true })
      .getByLabel("Ryhmä", { exact: true })
      .selectOption({ label: "Viheralueet" });
    await page.getByLabel(/Saate kollegalle/).fill("Kuuluu teille, kiitos!");
    await page.getByRole("button", { name: "Siirrä yhteydenotto" }).click();
    await page.getByRole("status").filter({ hasText: "Yhteydenotto siirretty: Viheralueet." }).waitFor();
    const details = page.getByRole("region", { name: "Tiedot", exact: true });
    await expect.poll(() => details.textContent()).toContain("Viheralueet");
    const history = page.getByRole("region", { name: "Historia" });
    expect(await history.textContent()).toContain("Sanna Neuvoja siirsi yhteydenoton ryhmälle Viheralueet.");
    expect(await page.getByRole("region", { name: "Viestit" }).textContent()).toContain("Kuuluu teille, kiitos!");

    const nav = page.getByRole("navigation", { name: "Jonot" });
    await nav.getByRole("link", { name: /^Viheralueet/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Viheralueet");
    await page.getByRole("link", { name: receipt.reference, exact: true }).waitFor();
    await nav.getByRole("link", { name: /^Katu- ja liikenneyksikkö/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Katu- ja liikenneyksikkö");
    await page.locator("table caption").waitFor();
    await expect.poll(() => page.getByRole("link", { name: receipt.reference, exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it("lets an advisor take a contact from the unclear queue, reclassify it and forward it to the right group", async () => {
    // "Other feedback" has no group of its own: the contact lands in the advisors' unclear queue.
    const receipt = await submitContact(e2e.app, e2e.tenant, {
      categoryId: e2e.tenant.categories.other,
      description: "Leikkipuiston keinu on rikki Koskipuistossa",
    });
    const page = await signedInPage("advisor");
    const nav = page.getByRole("navigation", { name: "Jonot" });
    await nav.getByRole("link", { name: /^Palveluneuvonta/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Palveluneuvonta");
    await page.getByRole("link", { name: receipt.reference, exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);

    const reclassify = page.getByRole("region", { name: "Vaihda luokka", exact: true });
    await reclassify.getByLabel("Luokka").selectOption({ label: "Puistot ja leikkipaikat" });
    await reclassify.getByRole("button", { name: "Vaihda luokka" }).click();
    await page.getByRole("status").filter({ hasText: "Luokka vaihdettu: Puistot ja leikkipaikat." }).waitFor();
    const details = page.getByRole("region", { name: "Tiedot", exact: true });
    await expect.poll(() => details.textContent()).toContain("Puistot ja leikkipaikat");
    await expectAccessible(page, "a reclassified ticket");

    await page
      .getByRole("region", { name: "Siirrä", exact: true })
      .getByLabel("Ryhmä", { exact: true })
      .selectOption({ label: "Viheralueet" });
    await page.getByRole("button", { name: "Siirrä yhteydenotto" }).click();
    await page.getByRole("status").filter({ hasText: "Yhteydenotto siirretty: Viheralueet." }).waitFor();
    const history = page.getByRole("region", { name: "Historia" });
    await expect.poll(() => history.textContent()).toContain("Sanna Neuvoja siirsi yhteydenoton ryhmälle Viheralueet.");
    expect(await history.textContent()).toContain("Sanna Neuvoja vaihtoi luokaksi Puistot ja leikkipaikat");

    // The unclear queue no longer has it; the green areas' queue does.
    await nav.getByRole("link", { name: /^Palveluneuvonta/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Palveluneuvonta");
    await page.locator("table caption").waitFor();
    await expect.poll(() => page.getByRole("link", { name: receipt.reference, exact: true }).count()).toBe(0);
    await nav.getByRole("link", { name: /^Viheralueet/ }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Viheralueet");
    await page.getByRole("link", { name: receipt.reference, exact: true }).waitFor();
    await page.context().close();
  });

  it("takes an expert back to the queue after forwarding a ticket out of their group", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Puu kaatunut kadulle, viheralueiden asia" });
    const page = await signedInPage("expert");
    await page
      .getByRole("navigation", { name: "Jonot" })
      .getByRole("link", { name: /^Katu- ja liikenneyksikkö/ })
      .click();
    await page.getByRole("link", { name: receipt.reference, exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);

    await page
      .getByRole("region", { name: "Siirrä", exact: true })
      .getByLabel("Ryhmä", { exact: true })
      .selectOption({ label: "Viheralueet" });
    await page.getByRole("button", { name: "Siirrä yhteydenotto" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Katu- ja liikenneyksikkö");
    await expect
      .poll(() => page.locator('[aria-live="polite"]').first().textContent())
      .toBe("Yhteydenotto siirretty: Viheralueet. Se ei enää näy sinulle.");
    await page.locator("table caption").waitFor();
    expect(await page.getByRole("link", { name: receipt.reference, exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it("shows an external partner only the tickets assigned to them", async () => {
    const assigned = await submitContact(e2e.app, e2e.tenant, { description: "Urakoitsijalle: liikennemerkki kaatunut" });
    const other = await submitContact(e2e.app, e2e.tenant, { description: "Tämä ei kuulu urakoitsijalle" });
    const advisor = await signIn(e2e.app, e2e.tenant, "advisor");
    const assignedId = await ticketId(assigned.reference);
    const otherId = await ticketId(other.reference);
    const res = await advisor.post(`/api/staff/tickets/${assignedId}/forward`, { handlerId: e2e.tenant.users.partner?.id });
    expect(res.statusCode).toBe(200);

    const page = await signedInPage("partner");
    const nav = page.getByRole("navigation", { name: "Jonot" });
    expect((await nav.getByRole("link").allTextContents()).map((n) => n.replace(/\d.*$/, "").trim())).toEqual(["Omat"]);
    await page.getByRole("link", { name: assigned.reference, exact: true }).waitFor();
    expect(await page.getByRole("link", { name: other.reference, exact: true }).count()).toBe(0);
    expect(await page.locator("tbody tr").count()).toBe(1);

    // The assigned ticket opens without customer details and without forwarding.
    await page.getByRole("link", { name: assigned.reference, exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(assigned.reference);
    expect(await page.getByRole("region", { name: "Asiakkaan yhteystiedot" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Siirrä yhteydenotto" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Lähetä vastaus" }).count()).toBe(1);

    // Someone else's ticket is "not found", even by its address.
    await page.goto(`${e2e.baseUrl}/console/tickets/${otherId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Yhteydenottoa ei löytynyt");
    expect(await page.getByText("Tämä ei kuulu urakoitsijalle").count()).toBe(0);
    // Pages of other roles say so instead of staying blank.
    await page.goto(`${e2e.baseUrl}/console/new-contact`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sinulla ei ole oikeutta tähän toimintoon.");
    await page.goto(`${e2e.baseUrl}/console/my-requests`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Kohdetta ei löytynyt.");
    await page.context().close();
  });

  it("tells the user when the password is wrong", async () => {
    const page = await openConsole();
    await logIn(page, "viewer", "not-the-password");
    const alert = page.getByRole("alert").filter({ hasText: "Sähköpostiosoite tai salasana on väärä." });
    await alert.waitFor();
    expect(await page.getByRole("navigation", { name: "Jonot" }).count()).toBe(0);
    expect(await page.getByLabel("Salasana").inputValue()).toBe("");
    await page.context().close();
  });
});
