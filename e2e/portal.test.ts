/**
 * The resident portal in a real browser against the real server: sending a contact (by mouse and by
 * keyboard only), error handling, the saved draft, network failure and retry, tracking and the
 * city's answer — with axe checking WCAG 2.1 A/AA on every state.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn, submitContact } from "../apps/server/test/harness.ts";
import { activeElement, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

/** Browser tests with several axe runs each; generous on a busy machine. */
const SLOW = 180_000;

let e2e: E2E;
let staff: Client;

beforeAll(async () => {
  e2e = await startE2E();
  staff = await signIn(e2e.app, e2e.tenant, "expert");
});

afterAll(async () => {
  await e2e?.close();
});

const formUrl = () => `${e2e.baseUrl}/${e2e.tenant.slug}/`;
const categoryId = (code: string) => {
  const id = e2e.tenant.categories[code];
  if (!id) throw new Error(`no category ${code}`);
  return id;
};

type StaffTicket = {
  id: string;
  reference: string;
  state: string;
  type: string;
  description: string;
  category: { id: string };
  address: string | null;
  location: { lat: number; lon: number } | null;
  extraFields: Record<string, unknown>;
  customer: { email: string | null; wantsReply: boolean } | null;
  publishConsent: boolean | null;
};

async function staffTicket(reference: string): Promise<StaffTicket> {
  const list = await staff.get("/api/staff/tickets?limit=100");
  expect(list.statusCode).toBe(200);
  const row = (list.json().items as { id: string; reference: string }[]).find((t) => t.reference === reference);
  if (!row) throw new Error(`ticket ${reference} not visible to staff`);
  const detail = await staff.get(`/api/staff/tickets/${row.id}`);
  expect(detail.statusCode).toBe(200);
  return detail.json() as StaffTicket;
}

async function openForm(page: Page, heading: string) {
  await page.goto(formUrl());
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.locator(`#category-${categoryId("street-lighting")}`).waitFor();
}

/** Street lighting with its required extra field, a message, an address and an email for the reply. */
async function fillStreetLighting(page: Page, description: string) {
  await page.locator(`#category-${categoryId("street-lighting")}`).check();
  await page.locator("#extra-lamp_state-flicker").check();
  await page.locator("#extra-pole_number").fill("TRE-1234");
  await page.locator("#description").fill(description);
  await page.locator("#address").fill("Hämeenkatu 1, Tampere");
  await page.locator("#wants-reply").check();
  await page.locator("#email").fill("asukas@example.fi");
}

describe("resident portal", () => {
  it(
    "sends a contact with extra fields and a reply request, then tracks it",
    async () => {
      const page = await newPage(e2e, "fi");
      await openForm(page, "Ota yhteyttä");
      expect(await page.title()).toBe("Ota yhteyttä – Demokaupunki");
      await expect.poll(() => page.locator(".brand-name").textContent()).toBe("Demokaupunki");
      await expectAccessible(page, "the empty form (fi)");

      const description = `Katuvalo vilkkuu koulun edessä ${Date.now()}`;
      await fillStreetLighting(page, description);
      // The category's description and the preset type are shown.
      await expect.poll(() => page.locator(".chosen-category").textContent()).toContain("Rikkinäiset tai jatkuvasti palavat katuvalot.");
      expect(await page.locator("#type-fault_report").isChecked()).toBe(true);
      // Consent to publish is the resident's own act: the box starts unticked, and this resident leaves it so.
      expect(
        await page.getByLabel("Palautteeni ja kaupungin vastauksen saa julkaista palautekartalla ilman henkilötietoja").isChecked(),
      ).toBe(false);
      await expectAccessible(page, "the filled form with extra fields and contact details (fi)");

      await page.getByRole("button", { name: "Lähetä" }).click();
      const heading = page.getByRole("heading", { level: 1, name: "Kiitos, viestisi on vastaanotettu" });
      await heading.waitFor();
      expect((await activeElement(page)).tag).toBe("H1");
      const reference = (await page.getByTestId("reference").textContent())?.trim() ?? "";
      expect(reference).toMatch(/\d/);
      const trackingUrl = await page.locator("#tracking-link").inputValue();
      expect(trackingUrl).toMatch(new RegExp(`^${e2e.baseUrl}/${e2e.tenant.slug}/track/[A-Za-z0-9_-]{43}$`));
      expect(await page.title()).toBe("Viesti lähetetty – Demokaupunki");
      expect(await page.evaluate((slug) => localStorage.getItem(`yhteys.portal.draft.${slug}`), e2e.tenant.slug)).toBeNull();
      await expectAccessible(page, "the confirmation (fi)");

      const ticket = await staffTicket(reference);
      expect(ticket).toMatchObject({
        description,
        state: "new",
        type: "fault_report",
        address: "Hämeenkatu 1, Tampere",
        category: { id: categoryId("street-lighting") },
        extraFields: { lamp_state: "flicker", pole_number: "TRE-1234" },
        customer: { email: "asukas@example.fi", wantsReply: true },
        publishConsent: false,
      });

      await page.getByRole("link", { name: "Avaa seurantasivu" }).click();
      await page.waitForURL(trackingUrl);
      await page.locator(".status-badge").waitFor();
      expect(await page.locator(".status-badge").getAttribute("data-state")).toBe("new");
      expect(await page.locator(".status-badge").textContent()).toBe("Uusi");
      await expect.poll(() => page.locator(".original").textContent()).toBe(description);
      await expect.poll(() => page.locator(".summary-list").textContent()).toContain(reference);
      await expect.poll(() => page.locator(".timeline li").count()).toBe(1);
      expect(await page.locator(".summary-list").textContent()).toContain("Et antanut lupaa: ei julkaista");
      expect(await page.title()).toBe("Yhteydenoton seuranta – Demokaupunki");
      await expectAccessible(page, "the tracking page (fi)");
      await page.context().close();
    },
    SLOW,
  );

  it(
    "can be completed and sent with the keyboard alone",
    async () => {
      const page = await newPage(e2e, "en");
      await openForm(page, "Contact us");

      await tabTo(page, "#category-filter");
      await page.keyboard.type("lighting");
      await expect.poll(() => page.locator("#category-filter-count").textContent()).toBe("1 topic found.");
      await page.keyboard.press("Tab");
      expect((await activeElement(page)).id).toBe(`category-${categoryId("street-lighting")}`);
      await page.keyboard.press("Space");
      expect(await page.locator(`#category-${categoryId("street-lighting")}`).isChecked()).toBe(true);

      await tabTo(page, 'input[name="extra-lamp_state"]');
      await page.keyboard.press("ArrowDown"); // flicker; arrow keys move and select within a radio group
      expect(await page.locator("#extra-lamp_state-flicker").isChecked()).toBe(true);

      await tabTo(page, "#description");
      const description = `Street light keeps flickering ${Date.now()}`;
      await page.keyboard.type(description);
      await tabTo(page, "#wants-reply");
      await page.keyboard.press("Space");
      await tabTo(page, "#email");
      await page.keyboard.type("keyboard@example.com");
      await tabTo(page, "#publish-consent");
      await page.keyboard.press("Space");
      await tabTo(page, 'button[type="submit"]');
      await page.keyboard.press("Enter");

      await page.getByRole("heading", { level: 1, name: "Thank you, we have received your message" }).waitFor();
      expect((await activeElement(page)).tag).toBe("H1");
      const reference = (await page.getByTestId("reference").textContent())?.trim() ?? "";
      const ticket = await staffTicket(reference);
      expect(ticket).toMatchObject({
        description,
        extraFields: { lamp_state: "flicker" },
        customer: { email: "keyboard@example.com" },
        publishConsent: true,
      });

      await tabTo(page, "a.button-primary");
      await page.keyboard.press("Enter");
      await page.locator(".status-badge").waitFor();
      expect(await page.locator(".status-badge").textContent()).toBe("New");
      await page.context().close();
    },
    SLOW,
  );

  it(
    "shows errors in a focused summary linked to the fields, on the client and from the server",
    async () => {
      const page = await newPage(e2e, "sv");
      await openForm(page, "Kontakta oss");
      await page.getByRole("button", { name: "Skicka" }).click();

      const summary = page.locator(".error-summary");
      await summary.waitFor();
      expect((await activeElement(page)).className).toContain("error-summary");
      const links = await summary.locator("a").allTextContents();
      expect(links).toEqual(["Välj vad ditt ärende gäller.", "Skriv ett meddelande."]);
      expect(await page.locator("#description").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#description").getAttribute("aria-describedby")).toContain("description-error");
      await expect.poll(() => page.locator("#description-error").textContent()).toContain("Skriv ett meddelande.");
      expect(await page.locator(`#category-${categoryId("street-lighting")}`).getAttribute("aria-invalid")).toBe("true");
      expect(await page.title()).toBe("Fel: Kontakta oss – Demostaden");
      await expectAccessible(page, "the form with errors (sv)");

      // The summary's links take the resident to the field.
      await summary.getByRole("link", { name: "Skriv ett meddelande." }).click();
      expect((await activeElement(page)).id).toBe("description");

      // Extra fields and contact details are checked too; fixing a field clears its error.
      await page.locator(`#category-${categoryId("street-lighting")}`).check();
      await page.locator("#description").fill("Lampan blinkar");
      await page.locator("#wants-reply").check();
      await page.locator("#email").fill("inte-en-adress");
      await page.getByRole("button", { name: "Skicka" }).click();
      await expect
        .poll(() => summary.locator("a").allTextContents())
        .toEqual(["Fyll i ”Vad är fel?”.", "Ange e-postadressen i formen namn@exempel.fi."]);
      expect(await page.locator("#extra-lamp_state-dark").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#email").getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page, "extra-field and contact errors (sv)");
      await page.locator("#email").fill("namn@exempel.fi");
      expect(await page.locator("#email").getAttribute("aria-invalid")).toBeNull();

      // Field errors from the server's problem+json are shown the same way.
      await page.locator("#extra-lamp_state-dark").check();
      await page.route("**/api/public/*/contacts", (route) =>
        route.fulfill({
          status: 400,
          contentType: "application/problem+json",
          body: JSON.stringify({
            type: "urn:yhteys:problem:validation_failed",
            title: "The request is not valid",
            status: 400,
            code: "validation_failed",
            errors: [{ path: "extraFields.pole_number", message: "not a valid string" }],
          }),
        }),
      );
      await page.getByRole("button", { name: "Skicka" }).click();
      await expect.poll(() => summary.locator("a").allTextContents()).toEqual(["Kontrollera ”Stolpens nummer”."]);
      expect((await activeElement(page)).className).toContain("error-summary");
      expect(await page.locator("#extra-pole_number").getAttribute("aria-invalid")).toBe("true");
      await page.context().close();
    },
    SLOW,
  );

  it.each([
    ["fi", "Ota yhteyttä"],
    ["sv", "Kontakta oss"],
    ["en", "Contact us"],
  ] as const)(
    "passes axe in %s and fits a 320 px wide screen",
    async (language, heading) => {
      {
        const page = await newPage(e2e, language);
        await page.setViewportSize({ width: 320, height: 700 });
        await openForm(page, heading);
        await page.locator(`#category-${categoryId("playgrounds")}`).check();
        await page.locator("#wants-reply").check();
        await expectAccessible(page, `the form with a boolean extra field (${language})`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal scrolling at 320 px (${language})`).toBeLessThanOrEqual(0);

        await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/track/${"x".repeat(43)}`);
        const notFound = { fi: "Yhteydenottoa ei löytynyt", sv: "Ärendet hittades inte", en: "We could not find this contact" }[language];
        await page.getByRole("heading", { level: 1, name: notFound }).waitFor();
        await expectAccessible(page, `tracking not found (${language})`);
        await page.context().close();
      }
    },
    SLOW,
  );

  it(
    "switches language in place and remembers it",
    async () => {
      const page = await newPage(e2e, "fi");
      await openForm(page, "Ota yhteyttä");
      await page.getByRole("button", { name: "Svenska" }).click();
      await page.getByRole("heading", { level: 1, name: "Kontakta oss" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");
      expect(await page.getByRole("button", { name: "Svenska" }).getAttribute("aria-pressed")).toBe("true");
      // Remembered for the next visit (the test harness itself presets the language on every load).
      expect(await page.evaluate(() => localStorage.getItem("yhteys.language"))).toBe("sv");
      expect(await page.title()).toBe("Kontakta oss – Demostaden");
      await page.context().close();
    },
    SLOW,
  );

  it(
    "keeps the draft over a reload and a failed send, and the retry reuses the Idempotency-Key",
    async () => {
      const page = await newPage(e2e, "fi");
      await openForm(page, "Ota yhteyttä");
      const description = `Luonnos säilyy ${Date.now()}`;
      await fillStreetLighting(page, description);

      await page.reload();
      await page.locator("#description").waitFor();
      await expect.poll(() => page.locator("#description").inputValue()).toBe(description);
      expect(await page.locator(`#category-${categoryId("street-lighting")}`).isChecked()).toBe(true);
      expect(await page.locator("#extra-lamp_state-flicker").isChecked()).toBe(true);
      await expect.poll(() => page.locator("#extra-pole_number").inputValue()).toBe("TRE-1234");
      await expect.poll(() => page.locator("#address").inputValue()).toBe("Hämeenkatu 1, Tampere");
      await expect.poll(() => page.locator("#email").inputValue()).toBe("asukas@example.fi");
      await expect.poll(() => page.locator(".info-box").textContent()).toContain("Palautimme lähettämättömän viestisi");
      await expectAccessible(page, "the restored draft (fi)");

      // The first send reaches the server but the answer is lost on the way back.
      const keys: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST" && request.url().endsWith("/contacts")) keys.push(request.headers()["idempotency-key"] ?? "");
      });
      await page.route("**/api/public/*/contacts", async (route) => {
        await route.fetch();
        await route.abort("internetdisconnected");
      });
      await page.getByRole("button", { name: "Lähetä" }).click();
      const problem = page.locator(".problem-box");
      await problem.waitFor();
      await expect.poll(() => problem.textContent()).toContain("yhteys katkesi");
      await expect.poll(() => page.locator("#description").inputValue()).toBe(description);
      expect(await page.evaluate((slug) => localStorage.getItem(`yhteys.portal.draft.${slug}`), e2e.tenant.slug)).toContain(description);
      await expectAccessible(page, "the network failure message (fi)");

      await page.unroute("**/api/public/*/contacts");
      await page.getByRole("button", { name: "Yritä uudelleen" }).click();
      await page.getByRole("heading", { level: 1, name: "Kiitos, viestisi on vastaanotettu" }).waitFor();
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(keys[1]).toBe(keys[0]);

      // One ticket, not two.
      const list = await staff.get("/api/staff/tickets?limit=100");
      const matching = (list.json().items as { summary: string }[]).filter((t) => t.summary.includes(description));
      expect(matching).toHaveLength(1);

      // Back to the form: it is empty again.
      await page.getByRole("button", { name: "Lähetä uusi viesti" }).click();
      await page.getByRole("heading", { level: 1, name: "Ota yhteyttä" }).waitFor();
      await expect.poll(() => page.locator("#description").inputValue()).toBe("");
      await page.context().close();
    },
    SLOW,
  );

  it(
    "shows the city's answer and the new state on the tracking page",
    async () => {
      const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Syvä kuoppa pyörätiellä koulun kohdalla" });
      const list = await staff.get("/api/staff/tickets?limit=100");
      const row = (list.json().items as { id: string; reference: string }[]).find((t) => t.reference === receipt.reference);
      if (!row) throw new Error("ticket not found");
      const answer = "Korjaamme kuopan tällä viikolla.\nKiitos ilmoituksesta!";
      const reply = await staff.post(`/api/staff/tickets/${row.id}/replies`, { body: answer, state: "resolved" });
      expect(reply.statusCode).toBeLessThan(300);

      const page = await newPage(e2e, "sv");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/track/${receipt.trackingToken}`);
      await page.locator(".status-badge").waitFor();
      expect(await page.locator(".status-badge").textContent()).toBe("Löst");
      await expect.poll(() => page.locator(".message-city .message-body").textContent()).toBe(answer);
      await expect.poll(() => page.getByRole("heading", { level: 2, name: "Stadens svar" }).count()).toBe(1);
      await expect.poll(() => page.locator(".timeline-state").allTextContents()).toEqual(["Ny", "Löst"]);
      await expect.poll(() => page.locator(".original").textContent()).toBe("Syvä kuoppa pyörätiellä koulun kohdalla");
      await expectAccessible(page, "the tracking page with an answer (sv)");
      await page.context().close();
    },
    SLOW,
  );
});
