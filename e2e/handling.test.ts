/**
 * The expert's journey in a real browser (issue 4): take a ticket, ask a colleague of another
 * group for a comment, the colleague finds it in their requests queue and answers, the expert
 * replies to the resident and resolves; the history tells the story. axe on every step.
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

const signedIn = (userKey: string) => consoleSignedIn(e2e, userKey);

describe("an expert's journey", () => {
  it("takes a ticket, asks another expert for a comment, gets the answer, replies and resolves", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Puun oksa roikkuu pyörätien yllä Hatanpäällä" });
    const expert = await signedIn("expert");
    await expert
      .getByRole("navigation", { name: "Jonot" })
      .getByRole("link", { name: /Katu- ja liikenneyksikkö/ })
      .click();
    await expert.getByRole("link", { name: receipt.reference, exact: true }).click();
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);

    // Take it: forward to oneself.
    await expert.getByLabel("Käsittelijä", { exact: true }).selectOption({ label: "Eero Asiantuntija – Asiantuntija" });
    await expert.getByRole("button", { name: "Siirrä yhteydenotto" }).click();
    await expert.getByRole("status").filter({ hasText: "Siirretty" }).waitFor();

    const ask = expert.getByRole("region", { name: "Pyydä lausunto tai lähetä tiedoksi" });
    await ask.getByRole("button", { name: "Lähetä" }).click();
    await expect.poll(() => ask.getByRole("alert").textContent()).toContain("Valitse, kenelle pyyntö lähetetään.");
    await expectAccessible(expert, "the request form with errors");
    await ask.getByLabel("Kenelle").selectOption({ label: "Emma Asiantuntija – Asiantuntija" });
    await ask.getByLabel("Viesti").fill("Onko oksa vaarallinen? Kuuluuko tämä viheralueille?");
    await ask.getByLabel("Määräpäivä", { exact: true }).fill("2027-01-15");
    await ask.getByRole("button", { name: "Lähetä" }).click();
    const requests = expert.getByRole("region", { name: "Lausuntopyynnöt ja tiedoksiannot" });
    await expect.poll(() => requests.textContent()).toContain("Odottaa vastausta");
    expect(await requests.textContent()).toContain("Eero Asiantuntija → Emma Asiantuntija");

    const colleague = await signedIn("expert2");
    // A notification says so, and leads to the ticket.
    const bell = colleague.getByRole("button", { name: /Ilmoitukset/ });
    await expect.poll(() => bell.textContent()).toContain("1 lukematonta");
    await bell.click();
    await colleague.getByRole("button", { name: `Eero Asiantuntija pyysi lausuntoasi asiassa ${receipt.reference}.` }).click();
    await expect.poll(() => colleague.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);
    await expect.poll(() => bell.textContent()).not.toContain("lukematonta");
    const queues = colleague.getByRole("navigation", { name: "Jonot" });
    await expect.poll(() => queues.getByRole("link", { name: /Pyynnöt minulle/ }).textContent()).toContain("1");
    await queues.getByRole("link", { name: /Pyynnöt minulle/ }).click();
    await colleague.getByRole("link", { name: receipt.reference, exact: true }).click();
    const asked = colleague.getByRole("region", { name: "Lausuntopyynnöt ja tiedoksiannot" });
    await expect.poll(() => asked.textContent()).toContain("Onko oksa vaarallinen?");
    expect(await asked.textContent()).toContain("voit lukea asian mutta et käsitellä sitä");
    // Read access only: no handling actions, no resident's details.
    expect(await colleague.getByRole("button", { name: "Lähetä vastaus" }).count()).toBe(0);
    await expectAccessible(colleague, "a ticket opened from the requests queue");
    await asked.getByLabel("Lausuntosi").fill("Oksa on vaarallinen, viheralueet poistaa sen huomenna.");
    await asked.getByRole("button", { name: "Lähetä lausunto" }).click();
    await expect.poll(() => asked.textContent()).toContain("Emma Asiantuntija vastasi");
    await expect.poll(() => queues.getByRole("link", { name: /Pyynnöt minulle/ }).textContent()).toContain("0");
    await colleague.context().close();

    await expert.reload();
    await expect.poll(() => requests.textContent()).toContain("Oksa on vaarallinen, viheralueet poistaa sen huomenna.");
    await expert.getByLabel("Vastaus", { exact: true }).fill("Kiitos ilmoituksesta. Oksa poistetaan huomenna.");
    await expert.getByLabel("Merkitse ratkaistuksi").check();
    await expert.getByRole("button", { name: "Lähetä vastaus" }).click();
    await expert.getByRole("status").filter({ hasText: "Vastaus lähetetty." }).waitFor();
    const history = expert.getByRole("region", { name: "Historia" });
    await expect.poll(() => history.textContent()).toContain("Eero Asiantuntija pyysi lausuntoa.");
    expect(await history.textContent()).toContain("Emma Asiantuntija vastasi lausuntopyyntöön.");
    expect(await history.textContent()).toContain("Eero Asiantuntija muutti tilan: Uusi → Ratkaistu.");
    await expectAccessible(expert, "the resolved ticket with its answered request");
    await expert.context().close();
  });

  it("filters a queue, saves it as a view, finds it in the navigation with its count, and deletes it", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Liikennevalo vilkkuu keltaista" });
    const staff = await signIn(e2e.app, e2e.tenant, "advisor");
    const [row] = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
    await staff.patch(`/api/staff/tickets/${row.id}`, { priority: "urgent" });

    const advisor = await signedIn("advisor");
    await advisor
      .getByRole("navigation", { name: "Jonot" })
      .getByRole("link", { name: /Kaikki/ })
      .click();
    await advisor.getByText("Suodattimet ja näkymät").click();
    await advisor.getByLabel("Kiireellisyys", { exact: true }).selectOption({ label: "Kiireellinen" });
    await expect.poll(() => advisor.url()).toContain("priority=urgent");
    await expect.poll(() => advisor.getByRole("link", { name: receipt.reference, exact: true }).count()).toBe(1);
    await advisor.getByLabel("Näkymän nimi").fill("Kiireelliset");
    await advisor.getByRole("button", { name: "Tallenna näkymä" }).click();
    const views = advisor.getByRole("navigation", { name: "Näkymät" });
    await expect.poll(() => views.getByRole("link", { name: /Kiireelliset/ }).textContent()).toMatch(/Kiireelliset\s*\d/);
    await expectAccessible(advisor, "a queue with filters open and a saved view");

    await advisor.getByRole("navigation", { name: "Jonot" }).getByRole("link", { name: /Omat/ }).click();
    await views.getByRole("link", { name: /Kiireelliset/ }).click();
    await expect.poll(() => advisor.getByText("Näkymä: Kiireelliset").count()).toBe(1);
    expect(await advisor.getByLabel("Kiireellisyys", { exact: true }).inputValue()).toBe("urgent");
    await advisor.getByRole("button", { name: "Poista näkymä Kiireelliset" }).click();
    await expect.poll(() => advisor.getByRole("navigation", { name: "Näkymät" }).count()).toBe(0);
    await advisor.context().close();
  });

  it("warns when a colleague has the same ticket open or is typing in it", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Roska-astia kaatunut torilla" });
    const advisor = await signedIn("advisor");
    const expert = await signedIn("expert");
    for (const page of [advisor, expert]) {
      await page.locator('[data-live="connected"]').waitFor();
      await page
        .getByRole("navigation", { name: "Jonot" })
        .getByRole("link", { name: /Katu- ja liikenneyksikkö/ })
        .click();
      await page.getByRole("link", { name: receipt.reference, exact: true }).click();
    }
    await expect.poll(() => advisor.getByText("Eero Asiantuntija katsoo myös tätä asiaa.").count(), { timeout: 5000 }).toBe(1);
    await expert.getByLabel("Vastaus", { exact: true }).fill("Kiitos, tyhjennämme astian.");
    await expect
      .poll(() => advisor.getByText("Eero Asiantuntija kirjoittaa parhaillaan tähän asiaan.", { exact: false }).count(), { timeout: 5000 })
      .toBe(1);
    await expectAccessible(advisor, "a ticket with a colleague typing");
    await expert.context().close();
    // The colleague left: the warning goes away.
    await expect.poll(() => advisor.locator(".colleagues-notice").count(), { timeout: 5000 }).toBe(0);
    await advisor.context().close();
  });
});
