/**
 * The resident adds information on the tracking page (REQUIREMENTS P4) in a real browser: an
 * empty send shows the error summary, a failed send keeps the text and the retry writes one
 * message, a resolved contact reopens, and the handler sees the message in the console — with axe
 * on every state of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { activeElement, consoleSignedIn, type E2E, expectAccessible, newPage, startE2E, tabTo } from "./harness.ts";

/** Browser tests with several axe runs each; generous on a busy machine. */
const SLOW = 180_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("the resident's reply on the tracking page", () => {
  it(
    "reopens a resolved contact with a message written by keyboard, which the handler sees in the console",
    async () => {
      const receipt = await submitContact(e2e.app, e2e.tenant, { description: "Katuvalo vilkkuu Hämeenkadulla" });
      const staff = await signIn(e2e.app, e2e.tenant, "expert");
      const ticketId = (await staff.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
      expect((await staff.post(`/api/staff/tickets/${ticketId}/state`, { state: "resolved" })).statusCode).toBe(200);

      const page = await newPage(e2e, "fi");
      await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/track/${receipt.trackingToken}`);
      const form = page.getByRole("region", { name: "Lisää tietoa tai vastaa" });
      await form.waitFor();
      await form.getByText("Jos lähetät viestin, asia avataan uudelleen").waitFor();
      await expectAccessible(page, "the tracking page with the reply form");

      // An empty send: the error summary takes the focus and links to the field.
      await tabTo(page, "#reply-body");
      await page.keyboard.press("Tab");
      expect((await activeElement(page)).tag).toBe("BUTTON");
      await page.keyboard.press("Enter");
      const summary = page.locator(".error-summary");
      await summary.getByText("Kirjoita viesti.").waitFor();
      await expect.poll(async () => (await activeElement(page)).className).toContain("error-summary");
      expect(await page.locator("#reply-body").getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page, "the tracking page with an empty reply");
      await summary.getByRole("link", { name: "Kirjoita viesti." }).press("Enter");
      expect((await activeElement(page)).id).toBe("reply-body");

      // The first send fails on the way; the text stays (on the device too) and the retry sends it once.
      const message = "Valo vilkkuu yhä, nyt myös viereinen pylväs.";
      await page.keyboard.type(message);
      await expect.poll(() => summary.count()).toBe(0);
      let failed = false;
      const keys: string[] = [];
      await page.route("**/messages", async (route) => {
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (failed) return route.continue();
        failed = true;
        return route.abort("failed");
      });
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.getByRole("alert").filter({ hasText: "yhteys katkesi" }).waitFor();
      expect(await page.locator("#reply-body").inputValue()).toBe(message);
      const stored = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith("yhteys.portal.reply."))?.[1]);
      expect(JSON.parse(stored ?? "{}").body).toBe(message);
      await form.getByRole("button", { name: "Yritä uudelleen" }).click();

      const sent = page.getByRole("status").filter({ hasText: "asia on avattu uudelleen käsittelyyn" });
      await sent.waitFor();
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      await expect.poll(async () => (await activeElement(page)).className).toContain("info-box");
      // Shown among the resident's messages at once, the state with it; the draft is gone.
      await page.locator(".message-resident").filter({ hasText: message }).waitFor();
      expect(await page.locator(".summary-list .status-badge").getAttribute("data-state")).toBe("in_progress");
      expect(await page.locator("#reply-body").inputValue()).toBe("");
      expect(await page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith("yhteys.portal.reply.")))).toBe(false);
      await expect.poll(() => form.getByText("Jos lähetät viestin, asia avataan uudelleen").count()).toBe(0);
      await expectAccessible(page, "the tracking page after sending a reply");

      // One message, the ticket back in handling.
      const detail = (await staff.get(`/api/staff/tickets/${ticketId}`)).json();
      expect(detail.state).toBe("in_progress");
      expect(detail.messages.filter((m: { kind: string }) => m.kind === "resident").map((m: { body: string }) => m.body)).toEqual([
        message,
      ]);

      // The handler reads it in the console: the message and the history.
      const handler = await consoleSignedIn(e2e, "expert");
      await handler.goto(`${e2e.baseUrl}/console/tickets/${ticketId}`);
      await expect.poll(() => handler.getByRole("heading", { level: 1 }).textContent()).toContain(receipt.reference);
      await handler.getByRole("region", { name: "Viestit" }).locator(".message-resident").filter({ hasText: message }).waitFor();
      const history = handler.getByRole("region", { name: "Historia" });
      await history.getByText("Asukas lähetti lisätietoja seurantasivulta.").waitFor();
      await history.getByText("Perustelu: asukas kirjoitti seurantasivulla").waitFor();
    },
    SLOW,
  );
});
