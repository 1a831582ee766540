/**
 * Ticket workflows in a real browser: a technical admin adds the status "Odottaa urakoitsijaa"
 * (phase: waiting for the customer) to fault reports with its moves; an expert then moves a
 * fault report into it from the ticket view, and the history and the resident's tracking page
 * name it. The admin then writes a rule on statuses: fault reports waiting for the contractor
 * whose priority changes are marked fixed. An admin adds the type "Lupahakemus" (permit
 * application, a service request); a resident sends a contact of that type from the portal, staff
 * see the type's name and change the type, and the history names the status the ticket took. A
 * time rule tags fault reports left with the contractor for 5 days, and the ticket view says since
 * when the ticket is in its state. Axe on the admin pages, the form and the ticket view.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTimeRules } from "../apps/server/src/modules/rules/rules.timer.ts";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { consoleSignedIn, type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;
/** The fault report the first test moved to the contractor. */
let ticketId = "";

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("ticket workflows", () => {
  it("an admin adds a status to fault reports and an expert moves a ticket into it", async () => {
    const admin = await consoleSignedIn(e2e, "admin");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Asiatyypit ja työnkulut" }).click();
    await admin.getByRole("button", { name: "Muokkaa tyyppiä Vikailmoitus" }).click();
    await admin.getByRole("button", { name: "Ota käyttöön oma työnkulku" }).click();
    await admin.getByRole("button", { name: "Lisää tila" }).click();
    const added = admin.getByRole("group", { name: "Tila 6: –" });
    await added.getByLabel("Vaihe").selectOption("waiting_for_customer");
    // The legend follows what is typed: the key names the status until it has a name.
    await added.getByLabel("Tunniste").fill("urakoitsija");
    await admin.getByRole("group", { name: "Tila 6: urakoitsija" }).getByLabel("Nimi suomeksi").fill("Odottaa urakoitsijaa");
    const status = admin.getByRole("group", { name: "Tila 6: Odottaa urakoitsijaa" });
    await status.getByLabel("Nimi asukkaalle (fi)").fill("Työ on tilattu urakoitsijalta");
    await admin.getByRole("checkbox", { name: "Siirto tilasta Käsittelyssä tilaan Odottaa urakoitsijaa" }).check();
    await admin.getByRole("checkbox", { name: "Siirto tilasta Odottaa urakoitsijaa tilaan Käsittelyssä" }).check();
    await admin.getByRole("checkbox", { name: "Siirto tilasta Odottaa urakoitsijaa tilaan Ratkaistu" }).check();
    await expectAccessible(admin, "the workflow form");
    await admin.getByRole("button", { name: "Tallenna työnkulku" }).click();
    await expect.poll(() => admin.getByRole("cell", { name: "Oma työnkulku" }).count()).toBe(1);
    await admin.context().close();

    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Katuvalo pimeänä Hämeenkadulla" });
    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    const id = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    ticketId = id;
    const expert = await consoleSignedIn(e2e, "expert");
    await expert.goto(`${e2e.baseUrl}/console/tickets/${id}`);
    const stateForm = expert.getByRole("region", { name: "Muuta tilaa" });
    await stateForm.getByText("Nykyinen tila: Uusi").waitFor();
    // From "new" the workflow does not lead straight to the contractor.
    expect(await stateForm.getByRole("button", { name: "Merkitse: Odottaa urakoitsijaa" }).count()).toBe(0);
    await stateForm.getByRole("button", { name: "Merkitse: Käsittelyssä" }).click();
    await stateForm.getByText("Nykyinen tila: Käsittelyssä").waitFor();
    await stateForm.getByRole("button", { name: "Merkitse: Odottaa urakoitsijaa" }).click();
    await stateForm.getByText("Nykyinen tila: Odottaa urakoitsijaa").waitFor();
    // Only the moves the admin allowed are offered now.
    expect(await stateForm.getByRole("button").allTextContents()).toEqual(["Merkitse: Käsittelyssä", "Merkitse: Ratkaistu"]);
    await expert.getByText(/muutti tilan: Käsittelyssä → Odottaa urakoitsijaa/).waitFor();
    await expectAccessible(expert, "the ticket in a workflow status");

    const detail = (await staff.get(`/api/staff/tickets/${id}`)).json();
    expect(detail).toMatchObject({ state: "waiting_for_customer", status: { key: "urakoitsija" }, sla: { paused: true } });

    const resident = await newPage(e2e, "fi");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/track/${receipt.trackingToken}`);
    await resident.getByText("Työ on tilattu urakoitsijalta").waitFor();
    await resident.context().close();
    await expert.context().close();
  });

  it("an admin writes a rule on workflow statuses, picked by ticket type, and it moves the ticket", async () => {
    const admin = await consoleSignedIn(e2e, "admin");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Säännöt" }).click();
    await admin.getByRole("button", { name: "Uusi sääntö" }).click();
    await admin.getByLabel("Nimi", { exact: true }).fill("Urakoitsijan kiireelliset korjatuiksi");
    await admin.getByLabel("Milloin sääntö kokeillaan").selectOption({ label: "Kun käsittelijä muuttaa asiaa" });
    await admin.getByRole("button", { name: "Lisää ehto" }).click();
    await admin.getByLabel("Ehto 1").selectOption({ label: "Työnkulun tila" });
    await admin.getByRole("group", { name: "Vikailmoitus" }).getByRole("checkbox", { name: "Odottaa urakoitsijaa" }).check();
    await admin.getByRole("button", { name: "Lisää ehto" }).click();
    await admin.getByLabel("Ehto 2").selectOption({ label: "Muutettu tieto" });
    await admin.getByRole("checkbox", { name: "kiireellisyys" }).check();
    await admin.getByLabel("Toimenpide 1").selectOption({ label: "Aseta työnkulun tila" });
    await admin.getByLabel("Tila", { exact: true }).selectOption({ label: "Ratkaistu" });
    await expectAccessible(admin, "the rule form with workflow statuses");
    await admin.getByRole("button", { name: "Luo sääntö" }).click();
    const list = admin.getByRole("region", { name: "Kun käsittelijä muuttaa asiaa" });
    await expect
      .poll(() => list.getByRole("listitem").filter({ hasText: "Urakoitsijan kiireelliset korjatuiksi" }).textContent())
      .toContain("Kun Työnkulun tila: ”Odottaa urakoitsijaa”; Muutettu tieto: kiireellisyys → aseta tilaksi ”Ratkaistu”");
    await admin.context().close();

    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    expect((await staff.patch(`/api/staff/tickets/${ticketId}`, { priority: "urgent" })).statusCode).toBe(200);
    const detail = (await staff.get(`/api/staff/tickets/${ticketId}`)).json();
    expect(detail).toMatchObject({ state: "resolved", status: { key: "resolved" } });
  });

  it("an admin adds a type, a resident sends a contact of it and staff see its name", async () => {
    const admin = await consoleSignedIn(e2e, "admin");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Asiatyypit ja työnkulut" }).click();
    await admin.getByRole("button", { name: "Lisää asiatyyppi" }).click();
    const form = admin.getByRole("region", { name: "Lisää asiatyyppi" });
    await form.getByLabel("Nimi suomeksi").fill("Lupahakemus");
    await form.getByLabel("Nimi ruotsiksi").fill("Tillståndsansökan");
    await form.getByLabel("Kuvaus lomakkeella (suomeksi)").fill("Hae lupaa esimerkiksi kadun työmaalle.");
    await form.getByLabel("Perustyyppi").selectOption("service_request");
    await expectAccessible(admin, "the new type form");
    await form.getByRole("button", { name: "Tallenna tyyppi" }).click();
    await admin.getByRole("region", { name: "Tyyppi: Lupahakemus" }).getByText("Tunniste: lupahakemus").waitFor();
    await admin.getByRole("rowheader", { name: "Lupahakemus" }).waitFor();
    await admin.context().close();

    const resident = await newPage(e2e, "fi");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
    await resident.locator(`#category-${e2e.tenant.categories.potholes}`).check();
    await resident.getByRole("radio", { name: "Lupahakemus" }).check();
    await resident.getByText("Hae lupaa esimerkiksi kadun työmaalle.").waitFor();
    await resident.locator("#description").fill("Lupa kaivaa katua Hämeenkadulla");
    await expectAccessible(resident, "the form with an added type");
    await resident.getByRole("button", { name: "Lähetä" }).click();
    await resident.getByRole("heading", { level: 1, name: "Kiitos, viestisi on vastaanotettu" }).waitFor();
    const reference = (await resident.getByTestId("reference").textContent())?.trim() ?? "";
    await resident.getByRole("link", { name: "Avaa seurantasivu" }).click();
    await resident.getByText("Lupahakemus").waitFor();
    await resident.context().close();

    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    const row = (await staff.get(`/api/staff/tickets?q=${reference}`)).json().items[0];
    expect(row).toMatchObject({ type: "service_request", typeId: expect.any(String) });
    // The queue filters by the added type (and a saved view would keep it).
    const advisor = await consoleSignedIn(e2e, "advisor");
    await advisor.getByText("Suodattimet ja näkymät").click();
    await advisor.getByLabel("Asiatyyppi").selectOption({ label: "Lupahakemus" });
    await expect.poll(() => advisor.url()).toContain(`typeId=${row.typeId}`);
    await expect.poll(() => advisor.locator("tbody tr").count()).toBe(1);
    await advisor.getByRole("row", { name: new RegExp(reference) }).waitFor();
    await advisor.getByLabel("Asiatyyppi").selectOption({ label: "Palaute" });
    await expect.poll(() => advisor.url()).toContain("type=feedback");
    expect(advisor.url()).not.toContain("typeId=");
    await expect.poll(() => advisor.getByRole("row", { name: new RegExp(reference) }).count()).toBe(0);
    await advisor.context().close();

    const expert = await consoleSignedIn(e2e, "expert");
    await expert.goto(`${e2e.baseUrl}/console/tickets/${row.id}`);
    await expert.locator(".fact dd", { hasText: /^Lupahakemus$/ }).waitFor();
    await expectAccessible(expert, "the ticket of an added type");
    // Back to a fault report: the ticket takes the first status of its phase in that type's workflow.
    const edit = expert.getByRole("region", { name: "Kiireellisyys ja tyyppi" });
    await edit.getByLabel("Tyyppi").selectOption({ label: "Vikailmoitus" });
    await edit.getByRole("button", { name: "Tallenna" }).click();
    await expert.getByText(/muokkasi tietoja: tyyppi\. Uuden tyypin tila: Uusi\./).waitFor();
    await expert.locator(".fact dd", { hasText: /^Vikailmoitus$/ }).waitFor();
    await expert.context().close();
  });

  it("an admin writes a time rule on the days in a workflow status, and staff see since when the ticket is in it", async () => {
    const admin = await consoleSignedIn(e2e, "admin");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Säännöt" }).click();
    await admin.getByRole("button", { name: "Uusi sääntö" }).click();
    await admin.getByLabel("Nimi", { exact: true }).fill("Urakoitsija viivyttelee");
    await admin.getByLabel("Milloin sääntö kokeillaan").selectOption({ label: "Kun aikaa on kulunut" });
    await admin.getByRole("button", { name: "Lisää ehto" }).click();
    await admin.getByLabel("Ehto 1").selectOption({ label: "Työnkulun tila" });
    await admin.getByRole("group", { name: "Vikailmoitus" }).getByRole("checkbox", { name: "Odottaa urakoitsijaa" }).check();
    const time = admin.getByRole("group", { name: "Aikaehto" });
    await time.getByLabel("Mistä lähtien").selectOption({ label: "asian siirtymisestä nykyiseen tilaansa" });
    await time.getByLabel("Kuinka kauan").fill("5");
    await time.getByLabel("Yksikkö").selectOption({ label: "vuorokautta" });
    await admin.getByLabel("Toimenpide 1").selectOption({ label: "Lisää tunniste" });
    await admin.getByLabel("Tunniste", { exact: true }).fill("viivästynyt");
    await expectAccessible(admin, "the time rule form on the time in a status");
    await admin.getByRole("button", { name: "Luo sääntö" }).click();
    const list = admin.getByRole("region", { name: "Kun aikaa on kulunut" });
    const item = list.getByRole("listitem").filter({ hasText: "Urakoitsija viivyttelee" });
    await expect.poll(() => item.textContent()).toContain("asian siirtymisestä nykyiseen tilaansa kulunut vähintään 5 vrk");
    expect(await item.textContent()).toContain("Työnkulun tila: ”Odottaa urakoitsijaa”");
    expect(await item.textContent()).toContain("→ tunniste viivästynyt");
    await admin.context().close();

    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Liikennevalo vilkkuu keltaista" });
    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    const id = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    for (const name of ["Käsittelyssä", "Odottaa urakoitsijaa"]) {
      const next = (await staff.get(`/api/staff/tickets/${id}`)).json().allowedStatuses as { id: string; name: { fi: string } }[];
      const moved = await staff.post(`/api/staff/tickets/${id}/state`, { statusId: next.find((s) => s.name.fi === name)?.id });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const since = new Date((await staff.get(`/api/staff/tickets/${id}`)).json().statusChangedAt).getTime();
    // The scan as it runs six days later.
    expect(await runTimeRules(e2e.ctx.db, { organisationId: e2e.tenant.id, now: new Date(since + 6 * 86_400_000) })).toMatchObject({
      fired: 1,
    });

    const expert = await consoleSignedIn(e2e, "expert");
    await expert.goto(`${e2e.baseUrl}/console/tickets/${id}`);
    await expert.locator(".fact dd", { hasText: /^Odottaa urakoitsijaa \(siirtyi tähän tilaan .+\)$/ }).waitFor();
    await expect.poll(() => expert.locator(".ticket-badges").textContent()).toContain("#viivästynyt");
    await expectAccessible(expert, "the ticket with the time in its state");
    await expert.context().close();
  });
});
