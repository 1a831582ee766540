import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type Client, newTenant, signIn, submitContact, waitFor } from "../../../test/harness.ts";
import { PUBLIC_URL, type ReceivedMail, sink, t, useMailingApp } from "../../../test/smtp-sink.ts";
import { jobs, notifications, staffOnline, users } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { enqueueDigests } from "./notification-email-task.ts";
import { notificationDigestJob } from "./notification-emails.ts";

const DELAY_MS = 800;
let liveUrl: string;
useMailingApp({ JOBS_POLL_MS: "50", NOTIFY_EMAIL_DELAY_MS: String(DELAY_MS) });
beforeAll(async () => {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  liveUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/staff/live`;
});

async function setUp() {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const saved = await admin.put("/api/staff/admin/mail", { fromName: "Testilän kaupunki", fromAddress: "palaute@kaupunki.example" });
  expect(saved.statusCode, saved.body).toBe(200);
  const advisor = await signIn(t.app, tenant, "advisor");
  return { tenant, admin, advisor };
}

const emailOf = (tenant: SeededOrganisation, key: string) => tenant.users[key]?.email as string;
const idOf = (tenant: SeededOrganisation, key: string) => tenant.users[key]?.id as string;

async function newTicket(tenant: SeededOrganisation, advisor: Client, body: Record<string, unknown> = {}) {
  const receipt = await submitContact(t.app, tenant, { contact: { name: "Aino Asukas", email: "aino@asukas.example" }, ...body });
  const [ticket] = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items;
  return { id: ticket.id as string, reference: receipt.reference };
}

async function forward(advisor: Client, ticketId: string, handlerId: string) {
  const res = await advisor.post(`/api/staff/tickets/${ticketId}/forward`, { handlerId });
  expect(res.statusCode, res.body).toBe(200);
}

/** The user's notification about the ticket, once the outbox has made it. */
const notificationOf = (userId: string, ticketId: string) =>
  waitFor(
    () =>
      t.ctx.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.ticketId, ticketId))),
    (rows) => rows.length > 0,
  ).then((rows) => rows[0] as typeof notifications.$inferSelect);

/** Waits until the notification's immediate email job has run (sent or not). */
const emailJobDone = (notificationId: number) =>
  waitFor(
    () =>
      t.ctx.db
        .select({ state: jobs.state })
        .from(jobs)
        .where(eq(jobs.dedupeKey, `notification:${notificationId}`)),
    (rows) => rows[0]?.state === "done",
  );

/** Waits until the user has `count` rows in staff_online (1: online, 0: not). */
const onlineRows = (userId: string, count: number) =>
  waitFor(
    () => t.ctx.db.select().from(staffOnline).where(eq(staffOnline.userId, userId)),
    (rows) => rows.length === count,
  );

const header = (mail: ReceivedMail, name: string) => mail.parsed.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "");

describe("notification emails to staff", () => {
  it("emails a ticket given to someone not online, in their language, with the console link and nothing of the resident", async () => {
    const { tenant, advisor } = await setUp();
    await t.ctx.db
      .update(users)
      .set({ language: "sv" })
      .where(eq(users.id, idOf(tenant, "expert")));
    const ticket = await newTicket(tenant, advisor);
    const sent = Date.now();
    await forward(advisor, ticket.id, idOf(tenant, "expert"));
    const [mail] = await sink.mailsTo(emailOf(tenant, "expert"));
    if (!mail) throw new Error("no email arrived");
    expect(Date.now() - sent).toBeGreaterThanOrEqual(DELAY_MS);
    expect(mail.parsed.subject).toBe(`Yhteys: Sanna Neuvoja gav dig ärendet ${ticket.reference}`);
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/console/tickets/${ticket.id}`);
    expect(mail.parsed.html).toContain('<html lang="sv">');
    expect(header(mail, "list-unsubscribe")).toBe(`<${PUBLIC_URL}/console/settings/notifications>`);
    expect(header(mail, "auto-submitted")).toBe("auto-generated");
    // A reply must not be taken for the resident's message on the ticket.
    expect(mail.parsed.subject).not.toContain("[");
    for (const personal of ["Aino", "aino@asukas.example", "kuoppa"]) expect(mail.raw).not.toContain(personal);
    // Marked emailed (just after the relay took it), so no digest repeats it.
    await waitFor(
      () => notificationOf(idOf(tenant, "expert"), ticket.id),
      (n) => n.emailedAt !== null,
    );
  });

  it("emails nobody who is online, and nothing already read by the time it is due", async () => {
    const { tenant, advisor } = await setUp();
    const expert = await signIn(t.app, tenant, "expert");
    const socket = new WebSocket(liveUrl, { headers: { cookie: expert.cookie } });
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    await onlineRows(idOf(tenant, "expert"), 1);
    const first = await newTicket(tenant, advisor);
    await forward(advisor, first.id, idOf(tenant, "expert"));
    await emailJobDone((await notificationOf(idOf(tenant, "expert"), first.id)).id);

    // Offline again, but reads it in time (on another device) before the email is due.
    socket.close();
    await onlineRows(idOf(tenant, "expert"), 0);
    const second = await newTicket(tenant, advisor);
    await forward(advisor, second.id, idOf(tenant, "expert"));
    const n = await notificationOf(idOf(tenant, "expert"), second.id);
    expect((await expert.post("/api/staff/notifications/read", { ids: [String(n.id)] })).statusCode).toBe(200);
    await emailJobDone(n.id);

    // A third, neither seen nor read, is the only one emailed.
    const third = await newTicket(tenant, advisor);
    await forward(advisor, third.id, idOf(tenant, "expert"));
    const [mail] = await sink.mailsTo(emailOf(tenant, "expert"));
    expect(mail?.parsed.subject).toContain(third.reference);
    await new Promise((r) => setTimeout(r, 300));
    expect((await sink.mailsTo(emailOf(tenant, "expert"), 1)).length).toBe(1);
  });

  it("sends one digest per period with the unread items grouped by kind, leaving out what the user may no longer open", async () => {
    const { tenant, advisor } = await setUp();
    const expert = await signIn(t.app, tenant, "expert");
    const chosen = await expert.put("/api/staff/notifications/preferences", {
      items: [
        { kind: "assigned", delivery: "hourly" },
        { kind: "comment_requested", delivery: "hourly" },
      ],
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    const [a, b, hidden, asked] = [
      await newTicket(tenant, advisor),
      await newTicket(tenant, advisor),
      await newTicket(tenant, advisor),
      await newTicket(tenant, advisor),
    ];
    for (const ticket of [a, b, hidden]) await forward(advisor, (ticket as { id: string }).id, idOf(tenant, "expert"));
    const askedId = (asked as { id: string }).id;
    await forward(advisor, askedId, idOf(tenant, "expert2"));
    const expert2 = await signIn(t.app, tenant, "expert2");
    const request = await expert2.post(`/api/staff/tickets/${askedId}/requests`, {
      kind: "comment",
      toUserId: idOf(tenant, "expert"),
      message: "Kommentoitko?",
      dueOn: "2027-02-01",
    });
    expect(request.statusCode, request.body).toBe(200);
    await notificationOf(idOf(tenant, "expert"), askedId);
    for (const ticket of [a, b, hidden]) await notificationOf(idOf(tenant, "expert"), (ticket as { id: string }).id);
    // Given on to another group: the expert may not open it any more.
    const movedOn = await advisor.post(`/api/staff/tickets/${(hidden as { id: string }).id}/forward`, {
      groupId: tenant.groups.green,
      handlerId: idOf(tenant, "expert2"),
    });
    expect(movedOn.statusCode, movedOn.body).toBe(200);

    // The hour is over: the digest is enqueued once, however often (and by however many processes) it is asked for.
    const job = notificationDigestJob(t.ctx.db, { smtpUrl: sink.url, retryBaseMs: 50, maxAttempts: 3, publicUrl: PUBLIC_URL, secret: "x" });
    const nextHour = new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + 60_000);
    const enqueued = [await enqueueDigests(t.ctx.db, job, nextHour), await enqueueDigests(t.ctx.db, job, nextHour)];
    expect(enqueued[1]).toBe(0);
    t.ctx.jobs.nudge();
    const [mail] = await sink.mailsTo(emailOf(tenant, "expert"));
    if (!mail) throw new Error("no digest arrived");
    expect(mail.parsed.subject).toBe("Yhteys: ilmoituksesi viimeisen tunnin ajalta");
    const text = mail.parsed.text ?? "";
    expect(text).toContain("Sinulla on 3 lukematonta ilmoitusta.");
    const assigned = text.slice(text.indexOf("Sinulle annetut asiat"), text.indexOf("Lausuntopyynnöt"));
    expect(assigned).toContain((a as { reference: string }).reference);
    expect(assigned).toContain((b as { reference: string }).reference);
    expect(text.slice(text.indexOf("Lausuntopyynnöt"))).toContain(
      `Emma Asiantuntija pyysi sinulta lausuntoa asiaan ${(asked as { reference: string }).reference}`,
    );
    expect(mail.raw).not.toContain((hidden as { reference: string }).reference);

    // The next period has nothing new it may show: no second digest.
    await enqueueDigests(t.ctx.db, job, new Date(nextHour.getTime() + 3600_000));
    t.ctx.jobs.nudge();
    await waitFor(
      () => t.ctx.db.select({ state: jobs.state }).from(jobs).where(eq(jobs.name, "notification_digest")),
      (rows) => rows.every((r) => r.state === "done"),
    );
    expect((await sink.mailsTo(emailOf(tenant, "expert"), 1)).length).toBe(1);
  });
});

describe("notification preferences", () => {
  it("are each user's own, validated, and 'off' writes no notification", async () => {
    const { tenant, advisor } = await setUp();
    const expert = await signIn(t.app, tenant, "expert");
    const mine = (c: Client) => c.get("/api/staff/notifications/preferences").then((r) => r.json().items as Record<string, string>[]);
    expect((await mine(expert)).find((p) => p.kind === "assigned")).toEqual({ kind: "assigned", delivery: "email", default: "email" });

    const off = await expert.put("/api/staff/notifications/preferences", { items: [{ kind: "assigned", delivery: "off" }] });
    expect(off.statusCode).toBe(200);
    expect((await mine(expert)).find((p) => p.kind === "assigned")?.delivery).toBe("off");
    // Nobody else's changed.
    expect((await mine(await signIn(t.app, tenant, "expert2"))).find((p) => p.kind === "assigned")?.delivery).toBe("email");

    for (const body of [
      { items: [{ kind: "everything", delivery: "email" }] },
      { items: [{ kind: "assigned", delivery: "weekly" }] },
      { items: [] },
      {
        items: [
          { kind: "assigned", delivery: "daily" },
          { kind: "assigned", delivery: "off" },
        ],
      },
      { userId: idOf(tenant, "expert2"), items: [{ kind: "assigned", delivery: "off" }] },
    ]) {
      const res = await expert.put("/api/staff/notifications/preferences", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await t.app.inject({ method: "GET", url: "/api/staff/notifications/preferences" })).statusCode).toBe(401);
    const noCsrf = await expert.request({
      method: "PUT",
      url: "/api/staff/notifications/preferences",
      headers: { "x-csrf-token": "" },
      payload: { items: [{ kind: "assigned", delivery: "email" }] },
    });
    expect(noCsrf.statusCode).toBe(403);

    // Turned off: a ticket given to them makes no notification (nor email); a comment request still does.
    const ticket = await newTicket(tenant, advisor);
    await forward(advisor, ticket.id, idOf(tenant, "expert"));
    const other = await newTicket(tenant, advisor);
    await forward(advisor, other.id, idOf(tenant, "expert2"));
    const expert2 = await signIn(t.app, tenant, "expert2");
    await expert2.post(`/api/staff/tickets/${other.id}/requests`, {
      kind: "comment",
      toUserId: idOf(tenant, "expert"),
      message: "?",
      dueOn: "2027-02-01",
    });
    const list = await waitFor(
      () => expert.get("/api/staff/notifications").then((r) => r.json().items as { kind: string }[]),
      (items) => items.length > 0,
    );
    expect(list.map((n) => n.kind)).toEqual(["comment_requested"]);
  });
});
