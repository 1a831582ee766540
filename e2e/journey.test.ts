/**
 * The whole contact lifecycle in real browsers: a resident sends a contact in the portal, it
 * appears live in the expert's open queue, the expert answers and resolves it, and the resident
 * reads the answer on the tracking page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("a contact from the resident to the answer", () => {
  it("is sent, appears live in the console, is answered, and the resident reads the answer", async () => {
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

    // The resident sends a contact about a pothole and asks for a reply.
    const resident = await newPage(e2e, "fi");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
    await resident.locator(`#category-${e2e.tenant.categories.potholes}`).check();
    await resident.locator("#description").fill("Syvä kuoppa Hämeenkadun suojatien edessä.");
    await resident.locator("#address").fill("Hämeenkatu 20, Tampere");
    await resident.locator("#wants-reply").check();
    await resident.locator("#email").fill("asukas@example.fi");
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
    await expectAccessible(resident, "the tracking page with the answer");
  });
});
