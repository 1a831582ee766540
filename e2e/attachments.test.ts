/**
 * Attachments in a real browser: a resident chooses a photo on the contact form (with a refused
 * file announced), sends, watches the upload finish, sees the photo on the tracking page; a handler
 * sees its thumbnail in the console. axe checks the form with files chosen and the other views.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../apps/server/test/harness.ts";
import { type E2E, expectAccessible, imageLoaded, newPage, phonePhoto, startE2E } from "./harness.ts";

const SLOW = 180_000;
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("attachments", () => {
  it(
    "a resident sends a contact with a photo, sees it on the tracking page, and a handler sees its thumbnail",
    async () => {
      const page = await newPage(e2e, "fi");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
      const potholes = e2e.tenant.categories.potholes;
      await page.locator(`#category-${potholes}`).check();
      const description = `Kuoppa pyörätiellä, kuva liitteenä ${Date.now()}`;
      await page.locator("#description").fill(description);

      const files = page.getByLabel(/Liitä kuvia tai tiedostoja/);
      await files.setInputFiles([
        { name: "kuoppa.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() },
        { name: "muistio.txt", mimeType: "text/plain", buffer: Buffer.from("ei kuva") },
      ]);
      const chosen = page.getByRole("list", { name: "Valitut tiedostot" });
      await expect.poll(() => chosen.getByRole("listitem").count()).toBe(1);
      await expect.poll(() => page.getByRole("alert").filter({ hasText: "muistio.txt" }).count()).toBe(1);
      await expect.poll(() => imageLoaded(page, ".file-list .file-preview")).toBe(true);
      expect(await chosen.getByRole("button", { name: "Poista kuoppa.jpg" }).count()).toBe(1);
      await expectAccessible(page, "the contact form with a photo chosen and a file refused");

      await page.getByRole("button", { name: "Lähetä" }).click();
      await page.getByRole("heading", { level: 1, name: "Kiitos, viestisi on vastaanotettu" }).waitFor();
      const reference = (await page.getByTestId("reference").textContent())?.trim() ?? "";
      await expect.poll(() => page.locator('.uploads li[data-status="done"]').count(), { timeout: 20_000 }).toBe(1);
      await expectAccessible(page, "the confirmation with the upload done");

      await page.getByRole("link", { name: "Avaa seurantasivu" }).click();
      const yours = page.getByRole("region", { name: "Liitteesi" });
      await yours.getByRole("link", { name: /kuoppa\.jpg/ }).waitFor();
      await expect.poll(() => imageLoaded(page, ".attachment-grid img")).toBe(true);
      await expectAccessible(page, "the tracking page with an attachment");

      const console = await newPage(e2e, "fi");
      await console.goto(`${e2e.baseUrl}/console/`);
      await console.getByLabel("Sähköposti").fill(e2e.tenant.users.expert?.email ?? "");
      await console.getByLabel("Salasana").fill("demo");
      await console.getByRole("button", { name: "Kirjaudu sisään" }).click();
      await console.getByRole("navigation", { name: "Jonot" }).waitFor();
      const expert = await signIn(e2e.app, e2e.tenant, "expert");
      const ticketId = (await expert.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
      await console.goto(`${e2e.baseUrl}/console/tickets/${ticketId}`);
      const panel = console.getByRole("region", { name: "Liitteet" });
      await panel.getByRole("link", { name: /kuoppa\.jpg/ }).waitFor();
      await expect.poll(() => imageLoaded(console, ".attachments img")).toBe(true);
      expect(await panel.textContent()).toContain("Ei virustarkastusta");
      await expectAccessible(console, "the console ticket view with an attachment");
      await page.context().close();
      await console.context().close();
    },
    SLOW,
  );

  it(
    "a failed upload keeps the contact and offers a retry that succeeds",
    async () => {
      const page = await newPage(e2e, "en");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
      await page.locator(`#category-${e2e.tenant.categories.potholes}`).check();
      await page.locator("#description").fill(`Pothole with a photo that first fails ${Date.now()}`);
      await page
        .getByLabel(/Attach photos or files/)
        .setInputFiles({ name: "pothole.jpg", mimeType: "image/jpeg", buffer: await phonePhoto() });
      // The network drops during the first upload only.
      let failures = 0;
      await page.route("**/attachments", (route) => (failures++ === 0 ? route.abort("connectionreset") : route.fallback()));

      await page.getByRole("button", { name: "Send" }).click();
      await page.getByRole("heading", { level: 1, name: "Thank you, we have received your message" }).waitFor();
      const retry = page.getByRole("button", { name: "Try again pothole.jpg" });
      await retry.waitFor();
      expect(await page.locator(".uploads").textContent()).toContain("Your contact has been received");
      await expectAccessible(page, "the confirmation with a failed upload");

      await retry.click();
      await expect.poll(() => page.locator('.uploads li[data-status="done"]').count(), { timeout: 20_000 }).toBe(1);
      await page.getByRole("link", { name: "Open the tracking page" }).click();
      await page
        .getByRole("region", { name: "Your attachments" })
        .getByRole("link", { name: /pothole\.jpg/ })
        .waitFor();
      await page.context().close();
    },
    SLOW,
  );
});
