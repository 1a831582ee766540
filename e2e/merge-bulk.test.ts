/**
 * Handling across tickets in a real browser (issue 4): an expert merges a duplicate into the
 * ticket that stays and sees its messages there; then selects rows of the queue with the keyboard
 * and changes them at once, with a summary of what was changed and what was refused. axe on each.
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

async function signedIn(userKey: string): Promise<Page> {
  const page = await newPage(e2e, "fi");
  await page.goto(`${e2e.baseUrl}/console/`);
  await page.getByLabel("Sähköposti").fill(e2e.tenant.users[userKey]?.email ?? "");
  await page.getByLabel("Salasana").fill("demo");
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByRole("navigation", { name: "Jonot" }).waitFor();
  return page;
}

async function openQueue(page: Page, name: RegExp) {
  await page.getByRole("navigation", { name: "Jonot" }).getByRole("link", { name }).click();
  await page.getByRole("table").waitFor();
}

describe("merging a duplicate", () => {
  it("closes the duplicate, points to the kept ticket, and shows its text there", async () => {
    const kept = await submitContact(e2e.app, e2e.tenant, { description: "Katuvalo pimeänä Hämeenkadulla" });
    const duplicate = await submitContact(e2e.app, e2e.tenant, {
      description: "Hämeenkadun valot eivät pala",
      wantsReply: true,
      contact: { email: "kaksoset@example.test" },
    });
    const expert = await signedIn("expert");
    await openQueue(expert, /Katu- ja liikenneyksikkö/);
    await expert.getByRole("link", { name: duplicate.reference, exact: true }).click();
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toContain(duplicate.reference);

    const merge = expert.getByRole("region", { name: "Yhdistä kaksoiskappale" });
    await merge.getByLabel("Yhdistä yhteydenottoon (tunnus)").fill(kept.reference.toLowerCase());
    await merge.getByRole("button", { name: "Yhdistä" }).click();
    await expect.poll(() => merge.getByRole("alert").textContent()).toContain("Vahvista yhdistäminen.");
    await expectAccessible(expert, "the merge form with an error");
    await merge.getByLabel("Vahvistan, että tämä on saman asian kaksoiskappale").check();
    await merge.getByRole("button", { name: "Yhdistä" }).click();
    await expert
      .getByRole("status")
      .filter({ hasText: `yhdistettiin yhteydenottoon ${kept.reference}` })
      .waitFor();

    const related = expert.getByRole("region", { name: "Liittyvät yhteydenotot" });
    await expect.poll(() => related.textContent()).toContain("Tämä yhteydenotto on yhdistetty yhteydenottoon");
    expect(await expert.locator(".ticket-badges").textContent()).toContain("Suljettu");
    const history = expert.getByRole("region", { name: "Historia" });
    await expect.poll(() => history.textContent()).toContain(`Eero Asiantuntija yhdisti tämän yhteydenottoon ${kept.reference}.`);
    // Merged tickets are not merged again.
    expect(await expert.getByRole("region", { name: "Yhdistä kaksoiskappale" }).count()).toBe(0);
    await expectAccessible(expert, "a merged duplicate");

    await related.getByRole("link", { name: kept.reference }).click();
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toContain(kept.reference);
    const messages = expert.getByRole("region", { name: "Viestit" });
    await expect.poll(() => messages.textContent()).toContain("Hämeenkadun valot eivät pala");
    expect(await messages.textContent()).toContain(`yhteydenotosta ${duplicate.reference}`);
    await expect
      .poll(() => expert.getByRole("region", { name: "Historia" }).textContent())
      .toContain(`Eero Asiantuntija yhdisti tähän kaksoiskappaleen ${duplicate.reference}.`);
    expect(await expert.getByRole("region", { name: "Tiedot", exact: true }).textContent()).toContain("1 asukkaalla on sama asia");
    await expectAccessible(expert, "the ticket a duplicate was merged into");
    await expert.context().close();

    // The duplicate's resident is pointed to the kept ticket on their tracking page.
    const resident = await newPage(e2e, "fi");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/track/${duplicate.trackingToken}`);
    const pointer = resident.getByRole("region", { name: `Yhteydenottosi yhdistettiin yhteydenottoon ${kept.reference}` });
    await pointer.waitFor();
    expect(await pointer.textContent()).toContain("Sen käsittely jatkuu siellä");
    expect(await pointer.textContent()).toContain("Uusi");
    // Not on the public map: nothing to follow there, so no link.
    expect(await pointer.getByRole("link").count()).toBe(0);
    await expectAccessible(resident, "the tracking page of a merged contact");
    await resident.context().close();
  });
});

describe("bulk actions in a queue", () => {
  it("selects rows with the keyboard, sets their priority and reports refusals", async () => {
    const first = await submitContact(e2e.app, e2e.tenant, { description: "Kuoppa 1 Tampellassa" });
    const second = await submitContact(e2e.app, e2e.tenant, { description: "Kuoppa 2 Tampellassa" });
    const resolved = await submitContact(e2e.app, e2e.tenant, { description: "Kuoppa 3 Tampellassa" });
    const advisor = await signIn(e2e.app, e2e.tenant, "advisor");
    const idOf = async (reference: string) => (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;
    expect((await advisor.post(`/api/staff/tickets/${await idOf(resolved.reference)}/state`, { state: "resolved" })).statusCode).toBe(200);

    const expert = await signedIn("expert");
    await openQueue(expert, /Katu- ja liikenneyksikkö/);
    await expert
      .getByRole("navigation", { name: "Tila" })
      .getByRole("link", { name: /^Kaikki/ })
      .click();
    await expert.getByRole("link", { name: resolved.reference, exact: true }).waitFor();
    // Keyboard: focus a row's checkbox and toggle it with space.
    for (const reference of [first.reference, second.reference, resolved.reference]) {
      await expert.getByRole("checkbox", { name: `Valitse ${reference}` }).focus();
      await expert.keyboard.press("Space");
    }
    const bar = expert.getByRole("region", { name: /Joukkotoiminnot/ });
    await expect.poll(() => bar.getByRole("heading").textContent()).toContain("3 valittu");
    await expectAccessible(expert, "a queue with selected rows");

    await bar.getByLabel("Toiminto").selectOption("state");
    await bar.getByLabel("Tila").selectOption({ label: "Odottaa asiakasta" });
    await bar.getByRole("button", { name: "Tee valituille" }).click();
    const status = bar.getByRole("status");
    await expect.poll(() => status.textContent()).toContain("2 muutettu, 1 ei muutettu.");
    expect(await status.textContent()).toContain(resolved.reference);
    await expectAccessible(expert, "the bulk result");

    // Select all on the page, then set the priority of each.
    await expert.getByRole("checkbox", { name: "Valitse kaikki sivun yhteydenotot" }).check();
    await bar.getByLabel("Toiminto").selectOption("priority");
    await bar.getByLabel("Kiireellisyys").selectOption({ label: "Kiireellinen" });
    await bar.getByRole("button", { name: "Tee valituille" }).click();
    await expect.poll(() => status.textContent()).toMatch(/^\d+ muutettu, 0 ei muutettu\./);
    const detail = (await advisor.get(`/api/staff/tickets/${await idOf(first.reference)}`)).json();
    expect(detail).toMatchObject({ state: "waiting_for_customer", priority: "urgent" });
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual(["ticket.created", "ticket.state_changed", "ticket.edited"]);
    await expert.context().close();
  });
});
