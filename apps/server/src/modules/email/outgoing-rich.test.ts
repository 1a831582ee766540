import { describe, expect, it } from "vitest";
import { newTenant, signIn, submitContact } from "../../../test/harness.ts";
import { sink, t, useMailingApp } from "../../../test/smtp-sink.ts";

useMailingApp();

describe("a rich-text reply", () => {
  it("is stored sanitised with its plain text, shown on the tracking page and sent as the email's HTML and text parts", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const saved = await admin.put("/api/staff/admin/mail", { fromName: "Testilä", fromAddress: "palaute@kaupunki.example", replyTo: null });
    expect(saved.statusCode, saved.body).toBe(200);
    const to = `rich.${Date.now().toString(36)}@asukas.example`;
    const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: to } });
    await sink.mailsTo(to);
    const id = (await admin.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;

    const replied = await admin.post(`/api/staff/tickets/${id}/replies`, {
      html: '<p>Kuoppa <b>korjataan</b> viikolla 12.</p><ol><li>paikkaus</li><li>merkinnät</li></ol><p><a href="https://kaupunki.example/tyomaat">Työmaat</a><img src="https://tracker.example/p.gif"><script>alert(1)</script></p>',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    const html =
      '<p>Kuoppa <strong>korjataan</strong> viikolla 12.</p><ol><li>paikkaus</li><li>merkinnät</li></ol><p><a href="https://kaupunki.example/tyomaat" rel="noopener noreferrer">Työmaat</a></p>';
    const text = "Kuoppa korjataan viikolla 12.\n\n1. paikkaus\n2. merkinnät\n\nTyömaat (https://kaupunki.example/tyomaat)";

    // The resident's tracking page: the sanitised HTML beside the plain text; their own message has none.
    const tracked = await t.app.inject({ url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const messages = tracked.json().messages as { from: string; body: string; html: string | null }[];
    expect(messages.at(-1)).toMatchObject({ from: "city", body: text, html });

    const [, mail] = await sink.mailsTo(to, 2);
    expect(mail?.parsed.html).toContain(`<blockquote>\n${html}\n</blockquote>`);
    expect(mail?.parsed.html).not.toMatch(/script|<img|tracker/);
    expect(mail?.parsed.text).toContain(text);
    expect(mail?.parsed.text).not.toContain("<");
  });

  it("keeps older plain-text replies as text, in paragraphs in the email", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    await admin.put("/api/staff/admin/mail", { fromName: "Testilä", fromAddress: "palaute@kaupunki.example", replyTo: null });
    const to = `plain.${Date.now().toString(36)}@asukas.example`;
    const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: to } });
    const id = (await admin.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    const replied = await admin.post(`/api/staff/tickets/${id}/replies`, { body: "Rivi <b>yksi</b>\n\nRivi kaksi" });
    expect(replied.json().messages.at(-1)).toMatchObject({ body: "Rivi <b>yksi</b>\n\nRivi kaksi", html: null });
    const [, mail] = await sink.mailsTo(to, 2);
    expect(mail?.parsed.html).toContain("<p>Rivi &lt;b&gt;yksi&lt;/b&gt;</p>\n<p>Rivi kaksi</p>");
  });
});
