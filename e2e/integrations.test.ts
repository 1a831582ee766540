/**
 * Integrations in a real browser: a technical admin creates a telephony API client (the key is
 * shown once), the telephony system sends a callback request with that key, and a service advisor
 * works it in the callback queue (sorted by window, marked called back with an outcome); axe on
 * both pages.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function signedIn(key: string): Promise<Page> {
  const page = await newPage(e2e, "fi");
  await page.goto(`${e2e.baseUrl}/console/`);
  await page.getByLabel("Sähköposti").fill(e2e.tenant.users[key]?.email ?? "");
  await page.getByLabel("Salasana").fill("demo");
  await page.getByRole("button", { name: "Kirjaudu sisään" }).click();
  await page.getByRole("navigation", { name: "Jonot" }).waitFor();
  return page;
}

describe("integrations and the callback queue", () => {
  it("an admin creates a telephony key; its callback requests reach the callback queue, where an advisor marks one called back", async () => {
    const admin = await signedIn("admin");
    await admin.getByRole("navigation", { name: "Ylläpito" }).getByRole("link", { name: "Integraatiot" }).click();
    await admin.getByRole("heading", { level: 1, name: "Integraatiot" }).waitFor();
    const clients = admin.getByRole("region", { name: "Rajapinta-asiakkaat" });
    await clients.getByLabel("Nimi").fill("Puhelinpalvelu");
    await clients.getByRole("checkbox", { name: "Puhelinpalvelu (puhelut ja soittopyynnöt)" }).check();
    await clients.getByLabel("Oletusluokka puheluille").selectOption({ label: "Asiakaspalvelu" });
    await clients.getByRole("button", { name: "Luo asiakas ja avain" }).click();
    const key = (await clients.getByRole("status").locator("code").textContent()) ?? "";
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect.poll(() => clients.getByRole("row", { name: /Puhelinpalvelu/ }).count()).toBe(1);
    await expectAccessible(admin, "the integrations page");

    for (const [requestId, phoneNumber, start, topic] of [
      ["cb-late", "040 111 2222", "2026-12-01T12:00:00Z", "Jätemaksu"],
      ["cb-early", "040 333 4444", "2026-12-01T08:00:00Z", "Pysäköintivirhemaksu"],
    ] as const) {
      const res = await e2e.app.inject({
        method: "POST",
        url: "/api/telephony/callbacks",
        headers: { authorization: `Bearer ${key}` },
        payload: { requestId, phoneNumber, windowStart: start, windowEnd: start.replace("T08", "T10").replace("T12", "T14"), topic },
      });
      expect(res.statusCode, res.body).toBe(201);
    }

    const advisor = await signedIn("advisor");
    await advisor.getByRole("link", { name: "Soittopyynnöt" }).click();
    await advisor.getByRole("heading", { level: 1, name: "Soittopyynnöt" }).waitFor();
    const table = advisor.getByRole("table", { name: "Soittopyynnöt" });
    await expect.poll(() => table.getByRole("row").count()).toBe(3);
    expect(await table.locator("tbody tr td:nth-child(4)").allTextContents()).toEqual(["Pysäköintivirhemaksu", "Jätemaksu"]);
    await expectAccessible(advisor, "the callback queue");

    await advisor.getByLabel("Järjestys").selectOption("-windowStart");
    await expect.poll(() => table.locator("tbody tr td:nth-child(4)").first().textContent()).toBe("Jätemaksu");

    const row = table.getByRole("row", { name: /Jätemaksu/ });
    await row.getByLabel("Tulos").selectOption("no_answer");
    await row.getByRole("button", { name: "Merkitse soitetuksi" }).click();
    await expect.poll(() => table.getByRole("row").count()).toBe(2);
    await advisor.getByLabel("Näytä").selectOption("done");
    await expect.poll(() => table.getByRole("row", { name: /Jätemaksu/ }).textContent()).toContain("Ei vastannut");
  });
});
