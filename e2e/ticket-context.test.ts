/**
 * A ticket's context in a real browser (issue 4, M9): an advisor opens a ticket whose customer
 * has two earlier tickets and sees them, and a ticket nearby with its distance and direction. axe clean.
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

describe("a ticket's context", () => {
  it("shows the customer's earlier contacts and the contacts nearby", async () => {
    const here = { lat: 61.4976, lon: 23.7412 };
    const first = await submitContact(e2e.app, e2e.tenant, { wantsReply: true, contact: { email: "Kaisa.Kontakti@example.test" } });
    const second = await submitContact(e2e.app, e2e.tenant, { wantsReply: true, contact: { phone: "040 222 3344" } });
    // 85 m north and 85 m east: about 120 m to the northeast.
    const nearby = await submitContact(e2e.app, e2e.tenant, {
      description: "Roska-astia kaatunut puistossa",
      location: { lat: here.lat + 85 / 111_195, lon: here.lon + 85 / (111_195 * Math.cos((here.lat * Math.PI) / 180)) },
    });
    const current = await submitContact(e2e.app, e2e.tenant, {
      location: here,
      wantsReply: true,
      contact: { name: "Kaisa Kontakti", email: "kaisa.kontakti@example.test", phone: "+358402223344" },
    });
    const staff = await signIn(e2e.app, e2e.tenant, "advisor");
    const id = (await staff.get(`/api/staff/tickets?q=${current.reference}`)).json().items[0].id as string;

    const advisor = await consoleSignedIn(e2e, "advisor");
    await advisor.goto(`${e2e.baseUrl}/console/tickets/${id}`);
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toContain(current.reference);

    const history = advisor.getByRole("region", { name: "Asiakkaan muut yhteydenotot" });
    await history.getByRole("table").waitFor();
    const links = history.getByRole("link");
    await expect.poll(() => links.allTextContents()).toEqual([second.reference, first.reference]);

    const around = advisor.getByRole("region", { name: "Lähellä olevat yhteydenotot" });
    await around.getByRole("list").waitFor();
    const item = around.getByRole("listitem").filter({ hasText: nearby.reference });
    await expect.poll(() => item.textContent()).toContain("120 m koilliseen");
    expect(await item.textContent()).toContain("Roska-astia kaatunut puistossa");
    await expectAccessible(advisor, "a ticket with the customer's other contacts and contacts nearby");

    // The radius is chosen with the keyboard; the list follows.
    await around.getByLabel("Etäisyys enintään").selectOption("2000");
    await expect.poll(() => around.getByRole("status").textContent()).toContain("2000 metrin säteellä");

    await links.first().click();
    await expect.poll(() => advisor.getByRole("heading", { level: 1 }).textContent()).toContain(second.reference);
  });
});
