/**
 * @mentions in a real browser: an expert mentions a colleague in an internal note with the
 * keyboard alone (the note box is a combobox: arrows, Escape, Enter), the note shows the mention
 * highlighted, and the colleague finds the notification in the console; axe on the open list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { consoleSignedIn, type E2E, expectAccessible, startE2E, tabTo } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("a mention in an internal note", () => {
  it("is written with the keyboard and reaches the colleague as a notification", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Katuvalo vilkkuu koulun kohdalla" });
    const staff = await signIn(e2e.app, e2e.tenant, "expert");
    const ticketId = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    // Emma works in other groups: the information sent to her lets her open the ticket, and so be mentioned.
    await staff.post(`/api/staff/tickets/${ticketId}/requests`, {
      kind: "information",
      toUserId: e2e.tenant.users.expert2?.id,
      message: "Tiedoksi",
    });

    const expert = await consoleSignedIn(e2e, "expert");
    await expert.goto(`${e2e.baseUrl}/console/tickets/${ticketId}`);
    await expect.poll(() => expert.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);
    const note = expert.getByRole("combobox", { name: "Muistiinpano" });
    await tabTo(expert, "textarea[role=combobox]");
    expect(await note.getAttribute("aria-expanded")).toBe("false");
    await expert.keyboard.type("Katso tämä @Em");
    const list = expert.getByRole("listbox", { name: "Mainittavat kollegat" });
    await list.waitFor();
    await expect.poll(() => note.getAttribute("aria-expanded")).toBe("true");
    expect(await list.getByRole("option").allTextContents()).toEqual(["Emma Asiantuntija – Asiantuntija"]);
    const option = list.getByRole("option", { name: /Emma Asiantuntija/ });
    expect(await note.getAttribute("aria-activedescendant")).toBe(await option.getAttribute("id"));
    expect(await option.getAttribute("aria-selected")).toBe("true");
    await expectAccessible(expert, "the note with the mention list open");

    // Escape closes the list; a new "@" opens it again, and Enter chooses.
    await expert.keyboard.press("Escape");
    await expect.poll(() => note.getAttribute("aria-expanded")).toBe("false");
    expect(await note.getAttribute("aria-activedescendant")).toBeNull();
    await expert.keyboard.press("Backspace");
    await expert.keyboard.press("Backspace");
    await expert.keyboard.press("Backspace");
    await expert.keyboard.type("@emm");
    await expect.poll(() => note.getAttribute("aria-expanded")).toBe("true");
    await expert.keyboard.press("ArrowDown");
    await expert.keyboard.press("Enter");
    await expect.poll(() => note.inputValue()).toBe("Katso tämä @Emma Asiantuntija ");
    await expect.poll(() => note.getAttribute("aria-expanded")).toBe("false");
    await expert.keyboard.type("– onko tämä teidän?");
    await expert.getByText("Mainitaan: Emma Asiantuntija. He saavat ilmoituksen.").waitFor();
    await tabTo(expert, "form:has(textarea[role=combobox]) button[type=submit]");
    await expert.keyboard.press("Enter");
    await expert.getByRole("status").filter({ hasText: "Muistiinpano tallennettu." }).waitFor();
    const mention = expert.locator(".message-note mark.mention");
    await expect.poll(() => mention.textContent()).toBe("@Emma Asiantuntija");
    await expectAccessible(expert, "the ticket with a note that mentions a colleague");

    const colleague = await consoleSignedIn(e2e, "expert2");
    const bell = colleague.getByRole("button", { name: /Ilmoitukset/ });
    await bell.click();
    const sentence = `Eero Asiantuntija mainitsi sinut muistiinpanossa asiassa ${receipt.reference}.`;
    await colleague.getByRole("button", { name: sentence }).waitFor();
    // Escape closes the list from inside it and returns to the bell.
    await colleague.keyboard.press("Tab");
    await expect.poll(() => colleague.evaluate(() => document.activeElement?.closest(".notifications-panel") !== null)).toBe(true);
    await colleague.keyboard.press("Escape");
    await colleague.getByRole("button", { name: sentence }).waitFor({ state: "hidden" });
    expect(await bell.evaluate((b) => b === document.activeElement)).toBe(true);
    await bell.click();
    await colleague.getByRole("button", { name: sentence }).click();
    await expect.poll(() => colleague.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);
  }, 180_000);
});
