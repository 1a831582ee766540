/**
 * The admin pages in a real browser: a technical admin creates a user with a group and a role,
 * the new user signs in and works that group's queue; the log request and the chain check; a
 * webhook subscription; axe on every admin page, including a form showing its error summary.
 */

import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMemberships, tickets } from "../apps/server/src/db/schema.ts";
import { runTimeRules } from "../apps/server/src/modules/rules/rules.timer.ts";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function signedIn(email: string, password: string): Promise<Page> {
  const page = await newPage(e2e, "fi");
  await page.goto(`${e2e.baseUrl}/console/`);
  await page.getByLabel("Sähköposti").fill(email);
  await page.getByLabel("Salasana").fill(password);
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByRole("navigation", { name: "Jonot" }).waitFor();
  return page;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

describe("admin pages", () => {
  it("a technical admin creates a user with a group and a role; the user signs in and sees that group's queue", async () => {
    await submitContact(e2e.app, e2e.tenant, { categoryId: e2e.tenant.categories.playgrounds, description: "Keinun ketju on poikki" });
    const admin = await signedIn(e2e.tenant.users.admin?.email ?? "", "demo");
    const adminNav = admin.getByRole("navigation", { name: "Ylläpito" });
    await adminNav.getByRole("link", { name: "Käyttäjät" }).click();
    await expect.poll(() => heading(admin)).toBe("Käyttäjät");
    await expect.poll(() => admin.getByRole("cell", { name: "Aino Admin" }).count()).toBe(1);
    await expectAccessible(admin, "the user list");

    await admin.getByRole("link", { name: "Lisää käyttäjä" }).click();
    await expect.poll(() => heading(admin)).toBe("Lisää käyttäjä");
    await admin.getByRole("checkbox", { name: "Viheralueet" }).waitFor();
    // An empty form shows an error summary that links to the fields.
    await admin.getByRole("button", { name: "Luo käyttäjä" }).click();
    const summary = admin.getByRole("alert").filter({ hasText: "Tarkista kentät." });
    await summary.waitFor();
    expect(await summary.getByRole("link").allTextContents()).toEqual([
      "Nimi: Pakollinen tieto puuttuu",
      "Sähköposti: Pakollinen tieto puuttuu",
      "Alkusalasana: Salasanassa on oltava vähintään 12 merkkiä",
    ]);
    await expectAccessible(admin, "the new-user form with errors");

    await admin.getByLabel("Nimi", { exact: true }).fill("Ville Viheralue");
    await admin.getByLabel("Sähköposti", { exact: true }).fill("ville@example.test");
    await admin.getByLabel("Rooli").selectOption("expert");
    await admin.getByRole("checkbox", { name: "Viheralueet" }).check();
    await admin.getByLabel("Alkusalasana").fill("vihreä-salasana-2026");
    await admin.getByRole("button", { name: "Luo käyttäjä" }).click();
    await expect.poll(() => heading(admin)).toBe("Käyttäjä: Ville Viheralue");
    expect(await admin.getByRole("checkbox", { name: "Viheralueet" }).isChecked()).toBe(true);
    await expectAccessible(admin, "the user page");

    const user = await signedIn("ville@example.test", "vihreä-salasana-2026");
    const queues = user.getByRole("navigation", { name: "Jonot" });
    await queues.getByRole("link", { name: /Viheralueet/ }).click();
    await expect.poll(() => user.getByText("Keinun ketju on poikki").count()).toBe(1);
    // An expert has no admin pages.
    expect(await user.getByRole("navigation", { name: "Ylläpito" }).count()).toBe(0);
    await user.context().close();

    await adminNav.getByRole("link", { name: "Käsittelijäryhmät" }).click();
    await expect.poll(() => heading(admin)).toBe("Käsittelijäryhmät");
    await expect.poll(() => admin.getByRole("link", { name: "Ville Viheralue" }).count()).toBe(1);
    await expectAccessible(admin, "the groups page");

    await adminNav.getByRole("link", { name: "Lokitiedot" }).click();
    await expect.poll(() => heading(admin)).toBe("Lokitiedot");
    await admin.getByLabel("Henkilön sähköpostiosoite").fill("ville@example.test");
    await admin.getByRole("button", { name: "Näytä lokitiedot" }).click();
    await expect.poll(() => admin.getByText(/Löytyi 0 asiakastietoa ja 1 käyttäjää/).count()).toBe(1);
    expect(await admin.getByRole("link", { name: "Lataa CSV-tiedostona" }).getAttribute("href")).toContain("format=csv");
    await admin.getByRole("button", { name: "Tarkista lokin eheys" }).click();
    await expect.poll(() => admin.getByText(/Loki on ehjä/).count()).toBe(1);
    await expectAccessible(admin, "the audit page");
    await admin.context().close();
  });

  it("a technical admin subscribes a webhook, sees its secret once, sends a test message and sees the delivery", async () => {
    const page = await signedIn(e2e.tenant.users.admin?.email ?? "", "demo");
    await page.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Webhookit" }).click();
    await expect.poll(() => heading(page)).toBe("Webhookit");
    await page.getByText("Ei webhookeja.").waitFor();
    await page.getByRole("button", { name: "Luo webhook" }).click();
    await page.getByRole("alert").filter({ hasText: "Tarkista kentät." }).waitFor();
    await page.getByLabel("Vastaanottajan osoite").fill("http://127.0.0.1:9/yhteys");
    await page.getByLabel("Kuvaus").fill("Integraatioalusta");
    // Events are named in plain language; the code stays visible in the description for integrators.
    const created = page.getByRole("checkbox", { name: "Uusi yhteydenotto" });
    const description = page.locator(`[id="${await created.getAttribute("aria-describedby")}"]`);
    expect(await description.textContent()).toBe("Kun yhteydenotto saapuu mistä tahansa kanavasta. ticket.created");
    await created.check();
    await page.getByRole("button", { name: "Luo webhook" }).click();
    const secret = page.getByRole("status").filter({ hasText: "Allekirjoitusavain" });
    await secret.waitFor();
    expect(await secret.locator("code").textContent()).toMatch(/^whsec_/);
    await page.getByRole("rowheader", { name: /127\.0\.0\.1:9\/yhteys/ }).waitFor();
    await page.getByRole("cell", { name: "Uusi yhteydenotto" }).waitFor();
    await expectAccessible(page, "the webhooks page with a new secret");
    await page.getByRole("button", { name: "Lähetä testiviesti" }).click();
    await page.getByRole("button", { name: "Lähetykset" }).click();
    await page.getByRole("cell", { name: "webhook.ping" }).waitFor();
    await expectAccessible(page, "the webhooks page with deliveries");
    // The secret is not shown again after a reload.
    await page.reload();
    await page.getByRole("rowheader", { name: /127\.0\.0\.1:9\/yhteys/ }).waitFor();
    await page.getByRole("cell", { name: "Uusi yhteydenotto" }).waitFor();
    expect(await page.getByText(/whsec_/).count()).toBe(0);
    await page.context().close();
  });

  it("a content admin publishes a targeted notice for their group, and residents see it on the form", async () => {
    const page = await signedIn(e2e.tenant.users.contentadmin?.email ?? "", "demo");
    await page.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Tiedotteet ja UKK" }).click();
    await expect.poll(() => heading(page)).toBe("Tiedotteet ja UKK");
    // Content admins do not set the embedding origins.
    expect(await page.getByRole("heading", { name: "Lomakkeen upotus" }).count()).toBe(0);
    await page.getByRole("button", { name: "Uusi tiedote" }).click();
    await page.getByRole("button", { name: "Julkaise" }).click();
    await page.getByRole("alert").getByRole("link", { name: "Otsikko suomeksi" }).waitFor();
    await page.getByLabel("Otsikko suomeksi").fill("Liikennevalot pois päältä");
    await page.getByLabel("Otsikko englanniksi").fill("Traffic lights switched off");
    await page.getByLabel("Teksti suomeksi").fill("Valot on sammutettu huollon ajaksi.");
    await page.getByLabel("Teksti englanniksi").fill("The lights are off for maintenance.");
    await page.getByRole("checkbox", { name: "– Liikennemerkit ja -valot" }).check();
    // Their own group is the owner; the organisation is not offered.
    expect(await page.getByLabel("Omistaja").locator("option").allTextContents()).toEqual(["Katu- ja liikenneyksikkö"]);
    await expectAccessible(page, "the notice form");
    await page.getByRole("button", { name: "Julkaise" }).click();
    await page.getByRole("rowheader", { name: "Liikennevalot pois päältä" }).waitFor();
    expect(
      await page
        .getByRole("row", { name: /Liikennevalot pois päältä/ })
        .getByText("Näkyy nyt")
        .count(),
    ).toBe(1);
    await expectAccessible(page, "the notices admin page");
    await page.context().close();

    const resident = await newPage(e2e, "en");
    await resident.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/`);
    await resident.locator(`#category-${e2e.tenant.categories["traffic-signs"]}`).check();
    await resident.locator(".form-notices").getByRole("heading", { name: "Traffic lights switched off" }).waitFor();
    await resident.context().close();
  });

  it("a content admin reaches only their own group's settings", async () => {
    const page = await signedIn(e2e.tenant.users.contentadmin?.email ?? "", "demo");
    const nav = page.getByRole("navigation", { name: "Ylläpito" });
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Käsittelijäryhmät",
      "Aiheet ja lisäkentät",
      "Tiedotteet ja UKK",
      "Vastauspohjat",
    ]);
    await nav.getByRole("link", { name: "Käsittelijäryhmät" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 2 }).allTextContents()).toContain("Katu- ja liikenneyksikkö (streets)");
    await page.getByLabel("Kuvaus").fill("Katujen kunnossapito");
    // The group's calendar is the organisation's default until the content admin picks another.
    expect(await page.getByLabel("Työaikakalenteri").inputValue()).toBe("");
    await page.getByRole("button", { name: "Tallenna" }).click();
    await expect.poll(() => page.getByText("Muutokset tallennettu.").count()).toBe(1);
    await expectAccessible(page, "a content admin's groups page");
    await page.goto(`${e2e.baseUrl}/console/admin/users`);
    await expect.poll(() => heading(page)).toBe("Sinulla ei ole oikeutta tähän toimintoon.");
    await page.goto(`${e2e.baseUrl}/console/admin/service-levels`);
    await expect.poll(() => heading(page)).toBe("Sinulla ei ole oikeutta tähän toimintoon.");
    await page.context().close();
  });

  it("a technical admin sets a category's SLA targets and a calendar's exception day, checking them day by day", async () => {
    const admin = await signedIn(e2e.tenant.users.admin?.email ?? "", "demo");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Palvelutasot" }).click();
    await expect.poll(() => heading(admin)).toBe("Palvelutasot");
    const targets = admin.getByRole("table", { name: "Tavoiteajat" });
    await expect.poll(() => targets.getByRole("row", { name: /Oletus \(kaikki asiat\) 16 h 80 h/ }).count()).toBe(1);
    await expectAccessible(admin, "the service levels page");

    await admin.getByLabel("Luokka").selectOption({ label: "Kuopat ja päällysteet" });
    await admin.getByLabel("Ensivastaus, työtuntia").fill("2,5");
    await admin.getByLabel("Ratkaisu, työtuntia").fill("1");
    await admin.getByRole("button", { name: "Tallenna tavoiteajat" }).click();
    const summary = admin.getByRole("alert").filter({ hasText: "Tarkista kentät." });
    expect(await summary.getByRole("link").allTextContents()).toEqual([
      "Ratkaisu, työtuntia: Ratkaisuaika ei voi olla ensivastausaikaa lyhyempi",
    ]);
    await admin.getByLabel("Ratkaisu, työtuntia").fill("24");
    await admin.getByRole("button", { name: "Tallenna tavoiteajat" }).click();
    await expect.poll(() => targets.getByRole("row", { name: /Kuopat ja päällysteet 2,5 h 24 h/ }).count()).toBe(1);

    const calendar = admin.getByRole("region", { name: "Palvelupisteen aukioloajat Oletuskalenteri" });
    expect(await calendar.getByLabel("maanantai").inputValue()).toBe("8.00–16.00");
    await calendar.getByLabel("perjantai").fill("8–");
    await calendar.getByRole("button", { name: "Tallenna kalenteri" }).click();
    await expect
      .poll(() => calendar.getByRole("alert").getByRole("link").allTextContents())
      .toEqual(["perjantai: Kirjoita ajat muodossa 8–16 tai 8.00–11.30, 12.30–16"]);
    await expectAccessible(admin, "a calendar form with an error");
    await calendar.getByLabel("perjantai").fill("8–15");
    await calendar.getByRole("button", { name: "Lisää poikkeuspäivä" }).click();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await calendar.getByLabel("Päivä", { exact: true }).fill(tomorrow);
    await calendar.getByLabel("Aukioloajat", { exact: true }).fill("10–12");
    await calendar.getByLabel("Selite").fill("Henkilöstökoulutus");
    await calendar.getByRole("button", { name: "Tallenna kalenteri" }).click();
    await expect.poll(() => calendar.getByText("Muutokset tallennettu.").count()).toBe(1);
    await calendar.getByText("Seuraavat 14 päivää").click();
    await expect.poll(() => calendar.getByRole("row", { name: /10\.00–12\.00 Henkilöstökoulutus/ }).count()).toBe(1);
    await admin.context().close();
  });

  it("a technical admin writes a rule in the console; a new contact follows it and its history says why", async () => {
    const admin = await signedIn(e2e.tenant.users.admin?.email ?? "", "demo");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Säännöt" }).click();
    await expect.poll(() => heading(admin)).toBe("Automaattiset säännöt");
    await admin.getByRole("button", { name: "Uusi sääntö" }).click();
    await admin.getByRole("button", { name: "Lisää ehto" }).click();
    await admin.getByRole("button", { name: "Luo sääntö" }).click();
    const summary = admin.getByRole("alert").filter({ hasText: "Tarkista kentät." });
    expect(await summary.getByRole("link").allTextContents()).toEqual(["Nimi: Pakollinen tieto puuttuu", "Ehto 1: Valitse vähintään yksi"]);
    await expectAccessible(admin, "the rule form with errors");

    await admin.getByLabel("Nimi", { exact: true }).fill("Keinut viheralueille");
    await admin.getByLabel("Teksti sisältää sanan").fill("keinu, liukumäki");
    await admin.getByLabel("Ryhmään").selectOption({ label: "Viheralueet" });
    await admin.getByRole("button", { name: "Lisää toimenpide" }).click();
    await admin.getByLabel("Kiireellisyys").selectOption({ label: "Korkea" });
    await admin.getByRole("button", { name: "Luo sääntö" }).click();
    const list = admin.getByRole("region", { name: "Kun uusi asia saapuu" });
    await expect
      .poll(() => list.getByRole("listitem").allTextContents())
      .toEqual([expect.stringContaining("Kun Teksti sisältää sanan: ”keinu”, ”liukumäki” → ohjaa: Viheralueet; kiireellisyys Korkea")]);
    await expectAccessible(admin, "the rules page");

    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Keinun istuin on haljennut" });
    const staff = await signIn(e2e.app, e2e.tenant, "advisor");
    const row = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0];
    expect(row).toMatchObject({ group: { id: e2e.tenant.groups.green }, priority: "high" });
    await admin.goto(`${e2e.baseUrl}/console/tickets/${row.id}`);
    const history = admin.getByRole("region", { name: "Historia" });
    await expect.poll(() => history.getByText("Säännöt, jotka toteutuivat:").count()).toBe(1);
    // The inner item is the rule itself, under the history entry of the new contact.
    await expect
      .poll(() => history.getByRole("listitem").filter({ hasText: "Keinut viheralueille" }).last().textContent())
      .toBe("Keinut viheralueille: Kun Teksti sisältää sanan: ”keinu”, ”liukumäki” → ohjaa: Viheralueet; kiireellisyys Korkea");
    await admin.context().close();
  });

  it("a technical admin writes a rule that assigns in turn and stops processing; the history names the person", async () => {
    const admin = await signedIn(e2e.tenant.users.admin?.email ?? "", "demo");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Säännöt" }).click();
    await expect.poll(() => heading(admin)).toBe("Automaattiset säännöt");
    await admin.getByRole("button", { name: "Uusi sääntö" }).click();
    await admin.getByLabel("Nimi", { exact: true }).fill("Aurinkovarjot vuorollaan");
    await admin.getByRole("button", { name: "Lisää ehto" }).click();
    await admin.getByLabel("Teksti sisältää sanan").fill("aurinkovarjo");
    await admin.getByLabel("Toimenpide 1").selectOption({ label: "Anna vuorollaan ryhmän jäsenelle" });
    await admin.getByLabel("Ryhmä", { exact: true }).selectOption({ label: "Viheralueet" });
    await admin.getByLabel("Kun tämä sääntö toteutuu, myöhempiä sääntöjä ei kokeilla").check();
    await expectAccessible(admin, "the rule form with assign in turn");
    await admin.getByRole("button", { name: "Luo sääntö" }).click();
    const list = admin.getByRole("region", { name: "Kun uusi asia saapuu" });
    await expect
      .poll(() => list.getByRole("listitem").filter({ hasText: "Aurinkovarjot vuorollaan" }).textContent())
      .toContain(
        "Kun Teksti sisältää sanan: ”aurinkovarjo” → anna vuorollaan ryhmän Viheralueet jäsenelle; myöhempiä sääntöjä ei kokeilla",
      );

    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Aurinkovarjo on kaatunut leikkipaikalla" });
    const staff = await signIn(e2e.app, e2e.tenant, "advisor");
    const row = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0];
    // Whose turn it is depends on the group's members and earlier turns (other tests add members): someone of the group's.
    expect(row).toMatchObject({ group: { id: e2e.tenant.groups.green }, handler: { id: expect.any(String) } });
    const member = await e2e.ctx.db
      .select()
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, e2e.tenant.groups.green ?? ""), eq(groupMemberships.userId, row.handler.id)));
    expect(member).toHaveLength(1);
    await admin.goto(`${e2e.baseUrl}/console/tickets/${row.id}`);
    const history = admin.getByRole("region", { name: "Historia" });
    await expect
      .poll(() =>
        history.getByText(`Sääntö antoi asian vuorollaan henkilölle ${row.handler.name} (ryhmä Viheralueet).`, { exact: false }).count(),
      )
      .toBe(1);
    await admin.context().close();
  });

  it("a technical admin writes a time rule with the keyboard; it closes a ticket that waited and the ticket's history says so", async () => {
    const admin = await signedIn(e2e.tenant.users.admin?.email ?? "", "demo");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Säännöt" }).click();
    await expect.poll(() => heading(admin)).toBe("Automaattiset säännöt");
    await admin.getByRole("button", { name: "Uusi sääntö" }).click();
    await admin.getByLabel("Nimi", { exact: true }).fill("Odottaneet suljetaan");
    await admin.getByLabel("Milloin sääntö kokeillaan").selectOption({ label: "Kun aikaa on kulunut" });
    const time = admin.getByRole("group", { name: "Aikaehto" });
    await time.getByLabel("Mistä lähtien").selectOption({ label: "asukkaan vastauksen odottamisen alusta" });
    await time.getByLabel("Kuinka kauan").fill("14");
    await time.getByLabel("Yksikkö").selectOption({ label: "vuorokautta" });
    await admin.getByLabel("Toimenpide 1").selectOption({ label: "Vaihda tila" });
    await admin.getByLabel("Tila", { exact: true }).selectOption({ label: "Ratkaistu" });
    // The rest by keyboard: add an action, choose it and type the tag, then save with Enter.
    await admin.getByRole("button", { name: "Lisää toimenpide" }).focus();
    await admin.keyboard.press("Enter");
    await admin.getByLabel("Toimenpide 2").selectOption({ label: "Lisää tunniste" });
    await admin.getByLabel("Tunniste", { exact: true }).focus();
    await admin.keyboard.type("vanha");
    await expectAccessible(admin, "the time rule form");
    await admin.getByRole("button", { name: "Luo sääntö" }).focus();
    await admin.keyboard.press("Enter");
    const list = admin.getByRole("region", { name: "Kun aikaa on kulunut" });
    await expect
      .poll(() => list.getByRole("listitem").allTextContents())
      .toEqual([
        expect.stringContaining("Kun asukkaan vastauksen odottamisen alusta kulunut vähintään 14 vrk → tila Ratkaistu; tunniste vanha"),
      ]);

    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Penkki on rikki" });
    const staff = await signIn(e2e.app, e2e.tenant, "advisor");
    const row = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0];
    await staff.post(`/api/staff/tickets/${row.id}/state`, { state: "waiting_for_customer" });
    await e2e.ctx.db
      .update(tickets)
      .set({ slaPausedAt: new Date(Date.now() - 15 * 86_400_000) })
      .where(eq(tickets.id, row.id));
    await runTimeRules(e2e.ctx.db, { organisationId: e2e.tenant.id });
    await admin.goto(`${e2e.baseUrl}/console/tickets/${row.id}`);
    const history = admin.getByRole("region", { name: "Historia" });
    await expect.poll(() => history.getByText("Aikaan perustuvat säännöt muuttivat asiaa.").count()).toBe(1);
    await expect
      .poll(() => history.getByRole("listitem").filter({ hasText: "Odottaneet suljetaan: Kun" }).last().textContent())
      .toBe("Odottaneet suljetaan: Kun asukkaan vastauksen odottamisen alusta kulunut vähintään 14 vrk → tila Ratkaistu; tunniste vanha");
    await expect.poll(() => admin.locator(".ticket-badges").textContent()).toContain("#vanha");
    await admin.context().close();
  });
});
