/**
 * Contacts that do not come through the public form, in a real browser: an advisor records a
 * phone call from the keyboard, and an internal customer submits and follows an internal request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../apps/server/test/harness.ts";
import { activeElement, consoleSignedIn, type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("recording contacts and internal requests", () => {
  it("lets an advisor record a phone call from the keyboard; it is routed and shows who recorded it", async () => {
    const page = await consoleSignedIn(e2e, "advisor");
    await page.getByRole("link", { name: "Kirjaa yhteydenotto" }).click();
    await page.getByRole("heading", { level: 1, name: "Kirjaa puhelu tai käynti" }).waitFor();
    // The topic has focus; the channel defaults to phone and the routing to the rules.
    const topic = page.getByLabel("Aihe", { exact: true });
    expect((await activeElement(page)).id).toBe(await topic.getAttribute("id"));
    expect(await page.getByLabel("Puhelin", { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel("Reititä sääntöjen ja aiheen mukaan").isChecked()).toBe(true);
    await expectAccessible(page, "the new contact form");

    await topic.selectOption({ label: "Kuopat ja päällysteet" });
    await page.keyboard.press("Tab");
    await page.keyboard.type("Soittaja kertoi syvästä kuopasta Hämeenkadun suojatiellä.");
    await page.getByLabel("Osoite tai paikka (valinnainen)").fill("Hämeenkatu 5");
    await page.getByLabel("Nimi", { exact: true }).fill("Pertti Puhelin");
    await page.getByLabel("Puhelinnumero").fill("+358 40 111 2233");
    await page.getByLabel("Asiakas haluaa vastauksen").check();
    await page.getByLabel("Puhelinnumero").focus();
    await page.keyboard.press("Control+Enter");

    await page.waitForURL(/\/console\/tickets\//);
    const ticketId = page.url().split("/").pop() as string;
    await expect.poll(() => page.getByText("Sanna Neuvoja loi yhteydenoton (kanava: Puhelin).").count()).toBe(1);
    const detail = (await (await signIn(e2e.app, e2e.tenant, "advisor")).get(`/api/staff/tickets/${ticketId}`)).json();
    expect(detail).toMatchObject({ channel: "phone", address: "Hämeenkatu 5", group: { id: e2e.tenant.groups.streets } });
    expect(detail.customer).toMatchObject({ name: "Pertti Puhelin", phone: "+358 40 111 2233", wantsReply: true });
  });

  it("lets an internal customer submit a request, read the answer and reply, and shows them nothing else", async () => {
    const page = await newPage(e2e, "fi");
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByLabel("Sähköposti").fill(e2e.tenant.users.internal?.email ?? "");
    await page.getByLabel("Salasana").fill("demo");
    await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
    await page.getByRole("heading", { level: 1, name: "Sisäiset palvelupyyntöni" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Jonot" }).count()).toBe(0);
    await expectAccessible(page, "the internal customer's requests");

    await page.getByRole("link", { name: "Uusi palvelupyyntö" }).click();
    await page.getByLabel("Aihe", { exact: true }).selectOption({ label: "Kuopat ja päällysteet" });
    await page.getByLabel("Kuvaus").fill("Päiväkodin pihatiellä on kuoppa, johon lastenvaunut juuttuvat.");
    await page.getByLabel("Osoite tai paikka (valinnainen)").fill("Päiväkodinkatu 3");
    await expectAccessible(page, "the internal request form");
    await page.getByRole("button", { name: "Lähetä pyyntö" }).click();
    await page.waitForURL(/\/console\/my-requests\/[0-9a-f-]{36}$/);
    await page.getByText("Ei vielä vastauksia.").waitFor();
    const id = page.url().split("/").pop() as string;

    const expert = await signIn(e2e.app, e2e.tenant, "expert");
    expect((await expert.post(`/api/staff/tickets/${id}/replies`, { body: "Paikkaamme kuopan tällä viikolla." })).statusCode).toBe(200);
    await page.reload();
    await page.getByText("Paikkaamme kuopan tällä viikolla.").waitFor();
    await page.getByLabel("Lisää viesti").fill("Kiitos! Kuoppa on portin kohdalla.");
    await page.getByRole("button", { name: "Lähetä viesti" }).click();
    await page.getByText("Kiitos! Kuoppa on portin kohdalla.").waitFor();
    await expectAccessible(page, "an internal request with its answer");

    await page.getByRole("link", { name: "Takaisin pyyntöihin" }).click();
    await expect.poll(() => page.getByRole("link", { name: /Kuopat ja päällysteet/ }).count()).toBe(1);
    // The staff routes are not theirs: a queue address shows their own view, not tickets.
    await page.goto(`${e2e.baseUrl}/console/queue/mine`);
    await page.getByRole("heading", { level: 1, name: "Sisäiset palvelupyyntöni" }).waitFor();
  });
});
