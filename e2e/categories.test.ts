/**
 * The category tree in a real browser: a technical admin adds "Roskakorit" under "Siisteys ja
 * jätehuolto" with a search word and a required single-choice extra field, built with the keyboard;
 * the server's errors are shown next to the fields. The resident's form then finds the category by
 * its search word, asks the extra field and requires it, and the staff API shows the value sent.
 * Once the admin takes the category out of use, the form no longer offers it; deleting it is refused
 * (it has a ticket). Axe on the page and
 * on the form with errors.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../apps/server/test/harness.ts";
import { activeElement, consoleSignedIn, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

/** Several axe runs and two browsers; generous on a busy machine. */
const SLOW = 180_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function openCategories(admin: Page) {
  await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Aiheet ja lisäkentät" }).click();
  await admin.getByRole("heading", { level: 1, name: "Aiheet ja lisäkentät" }).waitFor();
}

async function openPortal(page: Page) {
  await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
  await page.getByRole("heading", { level: 1, name: "Ota yhteyttä" }).waitFor();
  await page.locator("#category-filter").waitFor();
}

describe("category administration", () => {
  it(
    "an admin adds a category with a required extra field, residents find and use it, and switching it off hides it",
    async () => {
      const admin = await consoleSignedIn(e2e, "admin");
      await openCategories(admin);
      const tree = admin.getByRole("navigation", { name: "Aihepuu" });
      await tree.getByText("Roska-astiat", { exact: true }).waitFor();
      await expectAccessible(admin, "the category tree");

      await admin.getByRole("button", { name: "Lisää alatason aihe: Siisteys ja jätehuolto" }).click();
      await admin.getByRole("heading", { level: 2, name: "Uusi aihe kohtaan Siisteys ja jätehuolto" }).waitFor();
      await admin.getByLabel("Nimi suomeksi").fill("Roskakorit");
      await admin.getByLabel("Nimi ruotsiksi", { exact: false }).fill("Papperskorgar");
      await admin.getByLabel("Tunnus", { exact: false }).first().fill("roskakorit");
      await admin.getByLabel("Hakusanat", { exact: false }).fill("jäteastia, roska-astia");

      // The extra field with the keyboard only.
      await admin.getByRole("button", { name: "Lisää lisäkenttä" }).focus();
      await admin.keyboard.press("Enter");
      await expect.poll(async () => (await activeElement(admin)).id).toBe("category-extraFields-0-code");
      await admin.keyboard.type("korin_tila");
      await tabTo(admin, "#category-extraFields-0-type");
      await admin.keyboard.type("Yksi");
      await expect.poll(() => admin.locator("#category-extraFields-0-type").inputValue()).toBe("singlevaluelist");
      await tabTo(admin, "#category-extraFields-0-required");
      await admin.keyboard.press("Space");
      await tabTo(admin, "#category-extraFields-0-label-fi");
      await admin.keyboard.type("Mikä roskakorissa on vialla?");
      // The list got its first, still empty choice: the server says what is missing.
      await tabTo(admin, 'button[type="submit"]');
      await admin.keyboard.press("Enter");
      const summary = admin.locator(".error-summary");
      await summary.waitFor();
      await expect
        .poll(() => summary.locator("a").allTextContents())
        .toContain("Lisäkenttä 1 – Vaihtoehto 1 – Tunniste: Pakollinen tieto puuttuu");
      const key = admin.locator("#category-extraFields-0-options-0-key");
      expect(await key.getAttribute("aria-invalid")).toBe("true");
      expect(await key.getAttribute("aria-describedby")).toContain("category-extraFields-0-options-0-key-error");
      await expectAccessible(admin, "the category form with errors");

      await key.focus();
      await admin.keyboard.type("taynna");
      await tabTo(admin, "#category-extraFields-0-options-0-label-fi");
      await admin.keyboard.type("Täynnä");
      await tabTo(admin, "#category-extraFields-0-options-add");
      await admin.keyboard.press("Enter");
      await expect.poll(async () => (await activeElement(admin)).id).toBe("category-extraFields-0-options-1-key");
      await admin.keyboard.type("rikki");
      await tabTo(admin, "#category-extraFields-0-options-1-label-fi");
      await admin.keyboard.type("Rikki");
      await tabTo(admin, 'button[type="submit"]');
      await admin.keyboard.press("Enter");
      await admin.getByRole("heading", { level: 2, name: "Aihe: Roskakorit" }).waitFor();
      // The preview asks the field as a form would.
      const preview = admin.getByRole("region", { name: "Esikatselu: lisäkentät lomakkeella" });
      await preview.getByLabel("Mikä roskakorissa on vialla? *").selectOption("rikki");
      await tree.getByText("roskakorit", { exact: true }).waitFor();

      const resident = await newPage(e2e, "fi");
      await openPortal(resident);
      await resident.locator("#category-filter").fill("jäteastia");
      await expect.poll(() => resident.locator("#category-filter-count").textContent()).toBe("1 aihe löytyi.");
      await resident.getByRole("radio", { name: "Roskakorit" }).check();
      await resident.getByRole("group", { name: "Lisätietoja aiheesta" }).getByText("Mikä roskakorissa on vialla?").waitFor();
      await resident.locator("#description").fill("Torin roskakori on ollut täynnä koko viikonlopun.");
      await resident.getByRole("button", { name: "Lähetä" }).click();
      await expect
        .poll(() => resident.locator(".error-summary a").allTextContents())
        .toContain("Täytä kohta ”Mikä roskakorissa on vialla?”.");
      await resident.getByRole("radio", { name: "Täynnä" }).check();
      await resident.getByRole("button", { name: "Lähetä" }).click();
      await resident.getByRole("heading", { level: 1, name: "Kiitos, viestisi on vastaanotettu" }).waitFor();
      const reference = (await resident.getByTestId("reference").textContent())?.trim() ?? "";

      const staff = await signIn(e2e.app, e2e.tenant, "admin");
      const found = (await staff.get(`/api/staff/tickets?q=${encodeURIComponent(reference)}`)).json().items[0];
      const ticket = (await staff.get(`/api/staff/tickets/${found.id}`)).json();
      expect(ticket).toMatchObject({ category: { name: { fi: "Roskakorit" } }, extraFields: { korin_tila: "taynna" } });

      // Out of use: the tree says so, and the form no longer offers it.
      await admin.getByLabel("Aihe on käytössä", { exact: false }).uncheck();
      await admin.getByRole("button", { name: "Tallenna aihe" }).click();
      await tree.getByText("Ei käytössä", { exact: true }).waitFor();
      // It has a ticket: it cannot be deleted, and the admin is told why.
      await admin.getByRole("button", { name: "Poista aihe" }).click();
      await expect
        .poll(() => admin.locator(".error-summary").textContent())
        .toContain("Aihetta ei voi poistaa, koska siihen liittyy asioita. Poista aihe sen sijaan käytöstä.");
      await resident.context().close();
      const later = await newPage(e2e, "fi");
      await openPortal(later);
      await later.locator("#category-filter").fill("jäteastia");
      await expect
        .poll(() => later.locator("#category-filter-count").textContent())
        .toBe("Hakusanalla ei löytynyt aiheita. Kokeile toista sanaa.");
      expect(await later.getByRole("radio", { name: "Roskakorit" }).count()).toBe(0);
      await later.context().close();
      await admin.context().close();
    },
    SLOW,
  );

  it(
    "a content admin edits the texts and extra fields of their own group's categories only",
    async () => {
      const page = await consoleSignedIn(e2e, "contentadmin");
      await openCategories(page);
      // Streets are the content admin's group; parks are not.
      await page.getByRole("button", { name: "Muokkaa: Kuopat ja päällysteet" }).waitFor();
      await page.getByText("Puistot ja leikkipaikat", { exact: true }).waitFor();
      expect(await page.getByRole("button", { name: "Muokkaa: Puistot ja leikkipaikat" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Lisää pääaihe" }).count()).toBe(0);
      await page.getByRole("button", { name: "Muokkaa: Kuopat ja päällysteet" }).click();
      await page.getByRole("heading", { level: 2, name: "Aihe: Kuopat ja päällysteet" }).waitFor();
      expect(await page.getByLabel("Tunnus", { exact: true }).count()).toBe(0);
      await page.getByLabel("Hakusanat", { exact: false }).fill("asfaltti, reikä");
      await page.getByRole("button", { name: "Tallenna aihe" }).click();
      await page.getByText("Aihe Kuopat ja päällysteet tallennettu.").waitFor();
      await expectAccessible(page, "a content admin's category form");
      const staff = await signIn(e2e.app, e2e.tenant, "admin");
      const potholes = (await staff.get("/api/staff/admin/categories")).json().items.find((c: { code: string }) => c.code === "potholes");
      expect(potholes.keywords).toEqual(["asfaltti", "reikä"]);
      await page.context().close();
    },
    SLOW,
  );
});
