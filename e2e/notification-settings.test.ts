/**
 * Notification settings in a real browser: reached from the header by keyboard, one radio group
 * per kind with the default marked, saved and announced, kept after a reload, in Finnish and
 * Swedish; axe on every state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../apps/server/test/harness.ts";
import { activeElement, consoleSignedIn, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("notification settings", () => {
  it("an expert chooses a daily digest for tickets given to them, by keyboard, and it stays chosen", async () => {
    const page = await consoleSignedIn(e2e, "expert");
    await tabTo(page, "a.user-settings");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Ilmoitusasetukset" }).waitFor();
    await expect.poll(async () => (await activeElement(page)).tag).toBe("H1");
    expect(page.url()).toBe(`${e2e.baseUrl}/console/settings/notifications`);
    await expectAccessible(page, "the notification settings");

    const assigned = page.getByRole("group", { name: "Minulle annetaan asia" });
    expect(await assigned.getByRole("radio", { name: "Sähköposti heti (oletus)" }).isChecked()).toBe(true);
    // Arrow keys move within the group: email → hourly → daily.
    await assigned.getByRole("radio", { name: "Sähköposti heti (oletus)" }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await assigned.getByRole("radio", { name: "Päivän kooste sähköpostiin" }).isChecked()).toBe(true);
    await tabTo(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Ilmoitusasetukset tallennettu." }).waitFor();
    await expectAccessible(page, "the notification settings, saved");

    const expert = await signIn(e2e.app, e2e.tenant, "expert");
    const saved = (await expert.get("/api/staff/notifications/preferences")).json().items as { kind: string; delivery: string }[];
    expect(saved.find((p) => p.kind === "assigned")?.delivery).toBe("daily");
    expect(saved.find((p) => p.kind === "comment_requested")?.delivery).toBe("email");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Ilmoitusasetukset" }).waitFor();
    await assigned.getByRole("radio", { name: "Päivän kooste sähköpostiin" }).waitFor();
    expect(await assigned.getByRole("radio", { name: "Päivän kooste sähköpostiin" }).isChecked()).toBe(true);
  });

  it("speaks Swedish to a Swedish-speaking user", async () => {
    const advisor = await signIn(e2e.app, e2e.tenant, "advisor");
    const page = await newPage(e2e, "sv");
    await page.context().addCookies([{ name: "yhteys_session", value: advisor.cookie.split("=")[1] ?? "", url: e2e.baseUrl }]);
    await page.goto(`${e2e.baseUrl}/console/settings/notifications`);
    await page.getByRole("heading", { level: 1, name: "Inställningar för aviseringar" }).waitFor();
    const group = page.getByRole("group", { name: "Invånaren skriver i ett ärende jag behandlar" });
    expect(await group.getByRole("radio", { name: "E-post genast (standard)" }).isChecked()).toBe(true);
    await expectAccessible(page, "the notification settings in Swedish");
  });
});
