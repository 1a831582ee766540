import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/smtp-sink.ts";
import { automationRules, notifications, ticketMessages } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

const PUBLIC_URL = "https://palaute.kaupunki.example";
let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "50", SMTP_URL: sink.url, PUBLIC_URL, NOTIFY_EMAIL_DELAY_MS: "100" });
});
afterAll(async () => {
  await t.close();
  await sink.close();
});

const idOf = (tenant: SeededOrganisation, key: string) => tenant.users[key]?.id as string;

async function setUp(description = "Syvä kuoppa suojatien vieressä") {
  const tenant = await newTenant(t.ctx);
  const advisor = await signIn(t.app, tenant, "advisor");
  const expert = await signIn(t.app, tenant, "expert");
  const receipt = await submitContact(t.app, tenant, { description });
  const [ticket] = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
  return { tenant, advisor, expert, ticket: { id: ticket.id as string, reference: receipt.reference } };
}

const kindsOf = (userId: string, ticketId: string) =>
  t.ctx.db
    .select({ kind: notifications.kind, byUserId: notifications.byUserId })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.ticketId, ticketId)));

/** Waits until the outbox has handed every event of the ticket to the notifications consumer. */
const settled = (client: Client) =>
  waitFor(
    async () => (await client.get("/api/staff/notifications")).statusCode,
    (s) => s === 200,
  ).then(() => new Promise((r) => setTimeout(r, 400)));

describe("mentions in internal notes", () => {
  it("offers only colleagues who may open the ticket: never the writer, partners only when assigned", async () => {
    const { tenant, advisor, expert, ticket } = await setUp();
    const names = async () =>
      ((await expert.get(`/api/staff/tickets/${ticket.id}/mention-candidates`)).json().items as { name: string }[]).map((u) => u.name);
    // The pothole is in the streets queue: Emma (green and waste), the partner and the internal customer cannot open it.
    expect(await names()).toEqual(["Aino Admin", "Kalle Sisältö", "Riku Raportoija", "Sanna Neuvoja"]);
    await advisor.post(`/api/staff/tickets/${ticket.id}/forward`, { handlerId: idOf(tenant, "partner") });
    expect(await names()).toContain("Urakoitsija Oy");
    // A comment request gives Emma read access, and so she can be mentioned.
    await expert.post(`/api/staff/tickets/${ticket.id}/requests`, {
      kind: "information",
      toUserId: idOf(tenant, "expert2"),
      message: "Tiedoksi",
    });
    expect(await names()).toContain("Emma Asiantuntija");
  });

  it("refuses unknown colleagues, those who cannot open the ticket, and mentions missing from the text, writing nothing", async () => {
    const { tenant, expert, ticket } = await setUp();
    const note = (body: string, mentions: string[]) => expert.post(`/api/staff/tickets/${ticket.id}/notes`, { body, mentions });
    for (const [body, mentions, path] of [
      ["@Emma Asiantuntija katso tätä", [idOf(tenant, "expert2")], "mentions.0"],
      ["@Iida Sisäinen katso", [idOf(tenant, "internal")], "mentions.0"],
      ["@Urakoitsija Oy katso", [idOf(tenant, "partner")], "mentions.0"],
      ["@Sanna Neuvoja ja @Ghost", [idOf(tenant, "advisor"), randomUUID()], "mentions.1"],
      ["Sanna, katso tätä", [idOf(tenant, "advisor")], "mentions.0"],
    ] as const) {
      const res = await note(body, [...mentions]);
      expect(res.statusCode, body).toBe(422);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    // The same colleague twice is a bad request.
    expect((await note("@Sanna Neuvoja", [idOf(tenant, "advisor"), idOf(tenant, "advisor")])).statusCode).toBe(400);
    const written = await t.ctx.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticket.id));
    expect(written.filter((m) => m.kind === "note")).toEqual([]);
  });

  it("notifies each mentioned colleague (not the writer) through their preferences, by email when they want it", async () => {
    const { tenant, advisor, expert, ticket } = await setUp();
    const admin = await signIn(t.app, tenant, "admin");
    await admin.put("/api/staff/admin/mail", { fromName: "Testilän kaupunki", fromAddress: "palaute@kaupunki.example" });
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    // The content admin wants mentions only in the console; the advisor keeps the default (email at once).
    await contentAdmin.put("/api/staff/notifications/preferences", { items: [{ kind: "mention", delivery: "in_app" }] });
    const res = await expert.post(`/api/staff/tickets/${ticket.id}/notes`, {
      body: "@Sanna Neuvoja ja @Kalle Sisältö: voitteko katsoa? Muistutan itseäni @Eero Asiantuntija",
      mentions: [idOf(tenant, "advisor"), idOf(tenant, "contentadmin"), idOf(tenant, "expert")],
    });
    expect(res.statusCode, res.body).toBe(200);
    const note = res.json().messages.find((m: { kind: string }) => m.kind === "note");
    expect(note.mentions.map((m: { name: string }) => m.name).sort()).toEqual(["Eero Asiantuntija", "Kalle Sisältö", "Sanna Neuvoja"]);

    for (const key of ["advisor", "contentadmin"])
      expect(
        await waitFor(
          () => kindsOf(idOf(tenant, key), ticket.id),
          (rows) => rows.length > 0,
        ),
      ).toEqual([{ kind: "mention", byUserId: idOf(tenant, "expert") }]);
    const [mail] = await sink.mailsTo(tenant.users.advisor?.email as string);
    expect(mail?.parsed.subject).toBe(`Yhteys: Eero Asiantuntija mainitsi sinut sisäisessä muistiinpanossa asiassa ${ticket.reference}`);
    // The email names the ticket and the action, nothing of the note or the resident.
    expect(mail?.raw).not.toContain("voitteko");
    expect(mail?.raw).not.toContain("kuoppa");
    await settled(advisor);
    expect(await kindsOf(idOf(tenant, "expert"), ticket.id)).toEqual([]);
    expect(await sink.mailsTo(tenant.users.contentadmin?.email as string, 0)).toEqual([]);
  });

  it("a partner may write notes but not mention colleagues", async () => {
    const { tenant, advisor, ticket } = await setUp();
    await advisor.post(`/api/staff/tickets/${ticket.id}/forward`, { handlerId: idOf(tenant, "partner") });
    const partner = await signIn(t.app, tenant, "partner");
    const res = await partner.post(`/api/staff/tickets/${ticket.id}/notes`, {
      body: "@Sanna Neuvoja",
      mentions: [idOf(tenant, "advisor")],
    });
    expect(res.statusCode).toBe(403);
    expect((await partner.post(`/api/staff/tickets/${ticket.id}/notes`, { body: "Korjattu" })).statusCode).toBe(200);
  });
});

describe("new tickets in a group's queue", () => {
  it("tells the members who want it, once per landing, never the one who put it there", async () => {
    const tenant = await newTenant(t.ctx);
    const expert = await signIn(t.app, tenant, "expert");
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    const advisor = await signIn(t.app, tenant, "advisor");
    expect(
      (await expert.get("/api/staff/notifications/preferences")).json().items.find((p: { kind: string }) => p.kind === "group_new"),
    ).toEqual({ kind: "group_new", delivery: "off", default: "off" });
    await expert.put("/api/staff/notifications/preferences", { items: [{ kind: "group_new", delivery: "in_app" }] });
    await contentAdmin.put("/api/staff/notifications/preferences", { items: [{ kind: "group_new", delivery: "in_app" }] });

    // Created in the streets queue: both members who turned it on, nobody else.
    const receipt = await submitContact(t.app, tenant);
    const [ticket] = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
    for (const key of ["expert", "contentadmin"])
      await waitFor(
        () => kindsOf(idOf(tenant, key), ticket.id),
        (rows) => rows.length === 1 && rows[0]?.kind === "group_new",
      );

    // Taken by the expert, then put back in the queue by the content admin: a new landing, for the expert only.
    await advisor.post(`/api/staff/tickets/${ticket.id}/forward`, { handlerId: idOf(tenant, "expert") });
    await contentAdmin.post(`/api/staff/tickets/${ticket.id}/forward`, { groupId: tenant.groups.streets });
    await waitFor(
      () => kindsOf(idOf(tenant, "expert"), ticket.id),
      (rows) => rows.filter((r) => r.kind === "group_new").length === 2,
    );
    await settled(advisor);
    expect(await kindsOf(idOf(tenant, "contentadmin"), ticket.id)).toEqual([{ kind: "group_new", byUserId: null }]);
    expect(await kindsOf(idOf(tenant, "advisor"), ticket.id)).toEqual([]);
    // Members who kept the default hear nothing.
    const expert2 = await signIn(t.app, tenant, "expert2");
    const green = await submitContact(t.app, tenant, { categoryId: tenant.categories.playgrounds });
    const [greenTicket] = (await advisor.get(`/api/staff/tickets?q=${green.reference}`)).json().items;
    await settled(expert2);
    expect(await kindsOf(idOf(tenant, "expert2"), greenTicket.id)).toEqual([]);
  });

  it("emails members who want it by email, and never tells members who cannot open a flagged ticket", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    await admin.put("/api/staff/admin/mail", { fromName: "Testilän kaupunki", fromAddress: "palaute@kaupunki.example" });
    // A rule flags contacts about secrets as special categories of personal data, leaving them in the streets queue.
    await t.ctx.db.insert(automationRules).values({
      organisationId: tenant.id,
      name: "Salaisuudet",
      trigger: "created",
      position: 10,
      conditions: [{ field: "words", anyOf: ["salaisuus"] }],
      actions: [{ action: "markSensitive" }],
    });
    const expert = await signIn(t.app, tenant, "expert");
    const advisor = await signIn(t.app, tenant, "advisor");
    await expert.put("/api/staff/notifications/preferences", { items: [{ kind: "group_new", delivery: "email" }] });

    const flagged = await submitContact(t.app, tenant, { description: "Kerron salaisuus: kuoppa" });
    const plain = await submitContact(t.app, tenant);
    const [mail] = await sink.mailsTo(tenant.users.expert?.email as string);
    expect(mail?.parsed.subject).toBe(`Yhteys: Ryhmäsi jonoon saapui uusi asia ${plain.reference}`);
    const [flaggedTicket] = (await advisor.get(`/api/staff/tickets?q=${flagged.reference}`)).json().items;
    expect(flaggedTicket).toBeUndefined();
    const rows = await t.ctx.db
      .select({ ticketId: notifications.ticketId })
      .from(notifications)
      .where(and(eq(notifications.userId, idOf(tenant, "expert")), eq(notifications.kind, "group_new")));
    expect(rows).toHaveLength(1);
    expect(await sink.mailsTo(tenant.users.expert?.email as string, 1)).toHaveLength(1);
  });
});
