/**
 * Reports in a real browser: a reporter lands on the reports after sign-in, picks a period and a
 * breakdown, reads exact figures for tickets this test created, downloads the CSV; axe on the
 * page; an expert has no link and gets the forbidden page.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, hoursAfter, knownTicket } from "../apps/server/src/modules/reports/reports.fixtures.ts";
import { consoleSignedIn, type E2E, expectAccessible, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.ctx.db;
  // March 2026: three received (two streets, one green), two resolved, two open at the end.
  await knownTicket(db, e2e.tenant, {
    created: "2026-03-02T10:00:00Z",
    group: "streets",
    state: "resolved",
    firstResponseAt: hoursAfter("2026-03-02T10:00:00Z", 2),
    firstResponseDueAt: hoursAfter("2026-03-02T10:00:00Z", 4),
    resolvedAt: hoursAfter("2026-03-02T10:00:00Z", 10),
  });
  await knownTicket(db, e2e.tenant, {
    created: "2026-03-10T10:00:00Z",
    group: "streets",
    state: "in_progress",
    firstResponseAt: hoursAfter("2026-03-10T10:00:00Z", 6),
    firstResponseDueAt: hoursAfter("2026-03-10T10:00:00Z", 4),
  });
  await knownTicket(db, e2e.tenant, { created: "2026-03-20T10:00:00Z", group: "green", state: "new" });
  await knownTicket(db, e2e.tenant, {
    created: "2026-02-20T10:00:00Z",
    group: "green",
    state: "resolved",
    resolvedAt: at("2026-03-05T10:00:00Z"),
  });
});
afterAll(async () => {
  await e2e?.close();
});

/** The texts of a table row's cells, the row header first. */
const cells = (row: import("playwright-core").Locator) => row.locator("th, td").allInnerTexts();

describe("reports", () => {
  it("a reporter lands on the reports, picks March by week and by group, and downloads the CSV", async () => {
    const page = await consoleSignedIn(e2e, "reporter");
    await page.getByRole("heading", { level: 1, name: "Raportit" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/console/reports");
    await expect.poll(() => page.getByRole("link", { name: "Raportit" }).getAttribute("aria-current")).toBe("page");

    await page.getByLabel("Alkaen").fill("2026-03-01");
    await page.getByLabel("Päättyen").fill("2026-03-31");
    const table = page.getByRole("table", { name: /Luvut: Ryhmä, 1\.3\.2026–31\.3\.2026/ });
    await table.waitFor();
    const total = table.locator("tfoot tr");
    // Received 3, resolved 2, open at the end 2; first responses 2 h and 6 h; resolutions 10 h and 312 h; response targets 1 of 2.
    await expect.poll(() => cells(total)).toEqual(["Yhteensä", "3", "2", "2", "16,5", "4", "5,6", "161", "281,8", "50 % / 2", "–"]);
    await expect
      .poll(() => cells(table.getByRole("row", { name: /Katu- ja liikenneyksikkö/ })))
      .toEqual(["Katu- ja liikenneyksikkö", "2", "1", "1", "21,5", "4", "5,6", "10", "10", "50 % / 2", "–"]);
    await expectAccessible(page, "the reports by group");

    await page.getByLabel("Erittely").selectOption("week");
    await page.getByRole("table", { name: /Luvut: Viikko/ }).waitFor();
    expect(new URL(page.url()).searchParams.get("by")).toBe("week");
    const week10 = page.getByRole("row", { name: /vk 10\/2026/ });
    await expect.poll(() => cells(week10).then((c) => c.slice(0, 4))).toEqual(["vk 10/2026", "1", "2", "0"]);
    await expectAccessible(page, "the reports by week");

    // The address holds the report: reloading shows the same.
    await page.reload();
    await page.getByRole("table", { name: /Luvut: Viikko, 1\.3\.2026–31\.3\.2026/ }).waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Lataa CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("raportti-week-2026-03-01-2026-03-31.csv");
    const csv = await readFile((await download.path()) as string, "utf8");
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]?.startsWith("Peruste;Saapuneet;Ratkaistut;")).toBe(true);
    expect(
      lines
        .find((l) => l.startsWith("vk 10/2026;"))
        ?.split(";")
        .slice(0, 4),
    ).toEqual(["vk 10/2026", "1", "2", "0"]);
    expect(lines.at(-1)?.split(";").slice(0, 4)).toEqual(["Yhteensä", "3", "2", "2"]);

    await page.getByRole("button", { name: "Edellinen kuukausi" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("by")).toBe("week");
    const from = new URL(page.url()).searchParams.get("from") ?? "";
    expect(from.endsWith("-01")).toBe(true);
  });

  it("an expert has no link to the reports and is refused them", async () => {
    const page = await consoleSignedIn(e2e, "expert");
    expect(await page.getByRole("link", { name: "Raportit" }).count()).toBe(0);
    await page.goto(`${e2e.baseUrl}/console/reports`);
    await page.getByRole("heading", { level: 1, name: "Sinulla ei ole oikeutta tähän toimintoon." }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
  });
});
