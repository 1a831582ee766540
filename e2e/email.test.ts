/**
 * Outgoing email in a real browser: the resident's unsubscribe page (asks, then confirms, in the
 * email's language), and the admin's email page; axe on every state.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailDeliveries, tickets } from "../apps/server/src/db/schema.ts";
import { unsubscribeTokens } from "../apps/server/src/modules/email/outgoing-tokens.ts";
import { signIn, submitContact } from "../apps/server/test/harness.ts";
import { type E2E, expectAccessible, newPage, startE2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

describe("email", () => {
  it("a resident stops a contact's emails on the page the email links to, in the email's language", async () => {
    const receipt = await submitContact(e2e.app, e2e.tenant, { language: "sv", contact: { email: "asukas@example.test" } });
    const [ticket] = await e2e.ctx.db
      .select({ id: tickets.id, customerId: tickets.customerId })
      .from(tickets)
      .where(eq(tickets.reference, receipt.reference));
    const token = unsubscribeTokens(e2e.ctx.config.secret).sign(ticket?.id ?? "", ticket?.customerId ?? "");
    const page = await newPage(e2e, "fi");
    await page.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/unsubscribe/${token}`);
    await page.getByRole("heading", { level: 1, name: "Vill du avsluta e-posten?" }).waitFor();
    expect(await page.getByText(receipt.reference).count()).toBe(1);
    await expectAccessible(page, "the unsubscribe question");
    await page.getByRole("button", { name: "Avsluta e-posten" }).press("Enter");
    await page.getByRole("heading", { level: 1, name: "E-posten har avslutats" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expectAccessible(page, "the unsubscribe confirmation");
    const status = await e2e.app.inject({ method: "GET", url: `/api/public/${e2e.tenant.slug}/email/unsubscribe/${token}` });
    expect(status.json().unsubscribed).toBe(true);

    const broken = await newPage(e2e, "en");
    await broken.goto(`${e2e.baseUrl}/${e2e.tenant.slug}/unsubscribe/${"A".repeat(64)}`);
    await broken.getByText("This link is not valid.").waitFor();
    await expectAccessible(broken, "an unsubscribe link that is not valid");
  });

  it("a technical admin sets the sender on the email page", async () => {
    const admin = await signIn(e2e.app, e2e.tenant, "admin");
    const relayText = "Can't send mail - all recipients were rejected: 550 5.1.1 No such user";
    await e2e.ctx.db.insert(emailDeliveries).values({
      organisationId: e2e.tenant.id,
      kind: "test",
      language: "fi",
      testAddress: "eiole@example.test",
      messageId: "<e2e-failed@example.test>",
      state: "failed",
      attempts: 1,
      lastError: relayText,
      failureReason: "recipient_refused",
    });
    const page = await newPage(e2e, "fi");
    await page.context().addCookies([{ name: "yhteys_session", value: admin.cookie.split("=")[1] ?? "", url: e2e.baseUrl }]);
    await page.goto(`${e2e.baseUrl}/console/admin/mail`);
    await page.getByRole("heading", { level: 1, name: "Lähtevä sähköposti" }).waitFor();
    // No SMTP_URL in this installation: the page says so.
    await page.getByText(/^Palvelimelle ei ole asetettu SMTP-palvelinta/).waitFor();
    // A failed email is explained in plain language with what to do; the relay's words are behind a disclosure.
    const failed = page.getByRole("region", { name: "Epäonnistuneet viestit" });
    const row = failed.getByRole("row").filter({ hasText: "Vastaanottajan osoitetta ei ole olemassa" });
    await row.getByText("Tarkista osoite asukkaalta.", { exact: false }).waitFor();
    expect(await row.getByText(relayText).isVisible()).toBe(false);
    await row.getByText("Tekniset tiedot").click();
    await row.getByText(relayText).waitFor();
    await expectAccessible(page, "the email page with a failed email and its technical details open");
    await page.getByRole("button", { name: "Tallenna" }).click();
    await page.getByRole("alert").filter({ hasText: "Tarkista kentät." }).waitFor();
    await expectAccessible(page, "the email settings with errors");
    await page.getByLabel("Lähettäjän nimi").fill("Testikaupunki");
    await page.getByLabel("Lähettäjän osoite").fill("palaute@kaupunki.example");
    await page.getByLabel("Allekirjoita viestit (DKIM)").check();
    await page.getByLabel("DKIM-verkkotunnus").fill("kaupunki.example");
    await expectAccessible(page, "the email settings with DKIM");
    expect((await admin.get("/api/staff/admin/mail")).json().fromAddress).toBe("");
  });
});
