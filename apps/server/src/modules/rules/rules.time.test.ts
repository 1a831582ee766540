import type { BusinessCalendar } from "@yhteys/contracts";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp, waitFor } from "../../../test/harness.ts";
import { emailDeliveries, ruleFirings, ticketEvents, ticketMessages, tickets } from "../../db/schema.ts";
import { createTicket } from "../tickets/ticket-creation.ts";
import { runTimeRules, thresholdOf } from "./rules.timer.ts";

let t: TestApp;
// Background work on: the relays carry notifications, emails and created rules' effects; the time-rule task runs too.
beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "50" });
});
afterAll(() => t.close());

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
type Event = { type: string; actorKind: string; data: Record<string, unknown> };
const history = async (client: Client, id: string) => (await client.get(`/api/staff/tickets/${id}`)).json().history as Event[];
const ticketOf = async (client: Client, reference: string) => (await client.get(`/api/staff/tickets?q=${reference}`)).json().items[0];

async function template(admin: Client, body: string) {
  const res = await admin.post("/api/staff/admin/reply-templates", { groupId: null, language: "fi", name: body.slice(0, 20), body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe("time rules", () => {
  it("close a ticket that waited 14 days with a template reply, once per waiting period, even with two scans at once", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const templateId = await template(admin, "Hei {{resident.name}}, suljemme asian {{ticket.reference}}, koska emme saaneet vastausta.");
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Odottaneet 14 päivää suljetaan",
      trigger: "time",
      conditions: [
        { field: "state", anyOf: ["waiting_for_customer"] },
        { field: "elapsed", since: "waiting", hours: 14 * 24 },
      ],
      actions: [
        { action: "setState", state: "resolved", templateId },
        { action: "addTag", tag: "Automaattisulku" },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const advisor = await signIn(t.app, tenant, "advisor");
    const aino = await submitContact(t.app, tenant, { contact: { name: "Aino", email: "aino@example.test" } });
    const bertta = await submitContact(t.app, tenant, { contact: { name: "Bertta", email: "bertta@example.test" } });
    const [old, recent] = [await ticketOf(advisor, aino.reference), await ticketOf(advisor, bertta.reference)];
    for (const ticket of [old, recent]) await advisor.post(`/api/staff/tickets/${ticket.id}/state`, { state: "waiting_for_customer" });
    // The clock of the test cannot move: the old one has waited 15 days, the recent one 13.
    await t.ctx.db
      .update(tickets)
      .set({ slaPausedAt: daysAgo(15) })
      .where(eq(tickets.id, old.id));
    await t.ctx.db
      .update(tickets)
      .set({ slaPausedAt: daysAgo(13) })
      .where(eq(tickets.id, recent.id));

    // Two servers (or the background task) scanning at once, then once more after a "restart".
    await Promise.all([runTimeRules(t.ctx.db, { organisationId: tenant.id }), runTimeRules(t.ctx.db, { organisationId: tenant.id })]);
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });

    const [row] = await t.ctx.db.select().from(tickets).where(eq(tickets.id, old.id));
    expect(row).toMatchObject({ state: "resolved", tags: ["automaattisulku"] });
    const events = await history(advisor, old.id);
    const applied = events.filter((e) => e.type === "ticket.rules_applied");
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ actorKind: "system", data: { trigger: "time" } });
    expect((applied[0] as Event).data.rules as { name: string }[]).toMatchObject([{ name: "Odottaneet 14 päivää suljetaan" }]);
    expect(events.filter((e) => e.type === "ticket.state_changed").at(-1)).toMatchObject({
      actorKind: "system",
      data: { from: "waiting_for_customer", to: "resolved" },
    });
    const replies = await t.ctx.db
      .select()
      .from(ticketMessages)
      .where(and(eq(ticketMessages.ticketId, old.id), eq(ticketMessages.kind, "reply")));
    expect(replies.map((r) => r.body)).toEqual([`Hei Aino, suljemme asian ${old.reference}, koska emme saaneet vastausta.`]);
    expect(await t.ctx.db.select().from(ruleFirings).where(eq(ruleFirings.ticketId, old.id))).toHaveLength(1);
    // The reply goes to the resident by email like a staff reply.
    await waitFor(
      () => t.ctx.db.select().from(emailDeliveries).where(eq(emailDeliveries.ticketId, old.id)),
      (rows) => rows.some((r) => r.kind === "reply"),
    );
    expect((await t.ctx.db.select().from(tickets).where(eq(tickets.id, recent.id)))[0]?.state).toBe("waiting_for_customer");

    // Reopened and waiting again: a new period, in which the rule may fire again.
    await advisor.post(`/api/staff/tickets/${old.id}/state`, { state: "in_progress" });
    await advisor.post(`/api/staff/tickets/${old.id}/state`, { state: "waiting_for_customer" });
    await t.ctx.db
      .update(tickets)
      .set({ slaPausedAt: daysAgo(20) })
      .where(eq(tickets.id, old.id));
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    expect(await t.ctx.db.select().from(ruleFirings).where(eq(ruleFirings.ticketId, old.id))).toHaveLength(2);
  });

  it("notify a group about new unassigned tickets left for a day, and forward them, but not the flagged ones", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Unohtuneet uudet",
      trigger: "time",
      conditions: [
        { field: "state", anyOf: ["new"] },
        { field: "assigned", is: false },
        { field: "category", anyOf: [tenant.categories.potholes] },
        { field: "elapsed", since: "created", hours: 24 },
      ],
      actions: [
        { action: "notify", groupIds: [tenant.groups.streets] },
        { action: "forward", label: "Urakoitsija" },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const advisor = await signIn(t.app, tenant, "advisor");
    const receipts = [await submitContact(t.app, tenant), await submitContact(t.app, tenant), await submitContact(t.app, tenant)];
    const [left, taken, flagged] = await Promise.all(receipts.map((r) => ticketOf(advisor, r.reference)));
    await advisor.post(`/api/staff/tickets/${taken.id}/forward`, { handlerId: tenant.users.expert?.id });
    for (const ticket of [left, taken, flagged])
      await t.ctx.db
        .update(tickets)
        .set({ createdAt: daysAgo(2) })
        .where(eq(tickets.id, ticket.id));
    await t.ctx.db.update(tickets).set({ sensitive: true }).where(eq(tickets.id, flagged.id));

    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    // Read from the table: a flagged ticket is not open to the admin.
    const types = async (id: string) =>
      (await t.ctx.db.select({ type: ticketEvents.type }).from(ticketEvents).where(eq(ticketEvents.ticketId, id))).map((e) => e.type);
    expect(await types(left.id)).toEqual(expect.arrayContaining(["ticket.rules_applied", "ticket.rule_notified", "ticket.rule_forwarded"]));
    expect(await types(taken.id)).not.toContain("ticket.rules_applied");
    // Flagged: the group hears of it, but it does not leave for an external system.
    expect(await types(flagged.id)).toContain("ticket.rule_notified");
    expect(await types(flagged.id)).not.toContain("ticket.rule_forwarded");

    const expert = await signIn(t.app, tenant, "expert");
    const items = await waitFor(
      async () => (await expert.get("/api/staff/notifications")).json().items as { kind: string; ticket: { id: string } }[],
      (list) => list.some((n) => n.kind === "rule" && n.ticket.id === left.id),
    );
    expect(items.filter((n) => n.kind === "rule").map((n) => n.ticket.id)).toContain(left.id);
  });

  it("fire again after a new change for 'since the last change', not within the same period", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    await admin.post("/api/staff/admin/rules", {
      name: "Hiljaiset",
      trigger: "time",
      conditions: [{ field: "elapsed", since: "updated", hours: 7 * 24 }],
      actions: [{ action: "notify", userIds: [tenant.users.expert?.id] }],
    });
    const advisor = await signIn(t.app, tenant, "advisor");
    const ticket = await ticketOf(advisor, (await submitContact(t.app, tenant)).reference);
    const quiet = () =>
      t.ctx.db
        .update(tickets)
        .set({ updatedAt: daysAgo(8) })
        .where(eq(tickets.id, ticket.id));
    await quiet();
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    expect(await t.ctx.db.select().from(ruleFirings).where(eq(ruleFirings.ticketId, ticket.id))).toHaveLength(1);
    await advisor.post(`/api/staff/tickets/${ticket.id}/notes`, { body: "Katsottu" });
    await quiet();
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    expect(await t.ctx.db.select().from(ruleFirings).where(eq(ruleFirings.ticketId, ticket.id))).toHaveLength(2);
  });

  it("count working hours of the calendar", () => {
    const weekdays = [{ from: "08:00", to: "16:00" }];
    const office: BusinessCalendar = {
      timeZone: "Europe/Helsinki",
      weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
      publicHolidays: "none",
      exceptions: [],
    };
    // Monday 09:00 in Helsinki: 2 working hours back is Friday 15:00.
    const now = new Date("2026-03-02T07:00:00Z");
    const elapsed = { field: "elapsed", since: "created", hours: 2, businessHours: true } as const;
    expect(thresholdOf(elapsed, office, now)?.toISOString()).toBe("2026-02-27T13:00:00.000Z");
    expect(thresholdOf({ ...elapsed, businessHours: false }, office, now)?.toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(thresholdOf(elapsed, { ...office, weekly: { ...office.weekly, mon: [], tue: [], wed: [], thu: [], fri: [] } }, now)).toBeNull();
  });
});

describe("new actions on other triggers", () => {
  it("auto-reply to a new contact from a template, but never to an automatic email, and tag it", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const templateId = await template(admin, "Kiitos yhteydenotostasi, viitteesi on {{ticket.reference}}.");
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Kuittaus",
      trigger: "created",
      conditions: [{ field: "customerKnown", is: true }],
      actions: [
        { action: "autoReply", templateId },
        { action: "addTag", tag: "kuitattu" },
      ],
    });
    expect(made.statusCode, made.body).toBe(201);
    const advisor = await signIn(t.app, tenant, "advisor");
    const ticket = await ticketOf(advisor, (await submitContact(t.app, tenant, { contact: { email: "a@example.test" } })).reference);
    const replied = await waitFor(
      () => history(advisor, ticket.id),
      (events) => events.some((e) => e.type === "ticket.replied"),
    );
    expect(replied.find((e) => e.type === "ticket.replied")).toMatchObject({ actorKind: "system", data: { rule: { name: "Kuittaus" } } });
    expect((await t.ctx.db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0]?.tags).toEqual(["kuitattu"]);

    const auto = await createTicket(
      t.ctx.db,
      {
        organisation: { id: tenant.id, referencePrefix: "T" },
        categoryId: tenant.categories.potholes as string,
        description: "Out of office",
        channel: "email",
        language: "fi",
        extraFields: {},
        wantsReply: true,
        contact: { email: "robot@example.test" },
        eventData: { email: { messageId: "<x@example.test>", noAutoReply: true } },
      },
      { kind: "system", organisationId: tenant.id },
    );
    // Wait until the relay has passed the automatic one (the first ticket's reply came before it).
    const later = await ticketOf(advisor, (await submitContact(t.app, tenant, { contact: { email: "b@example.test" } })).reference);
    await waitFor(
      () => history(advisor, later.id),
      (events) => events.some((e) => e.type === "ticket.replied"),
    );
    expect((await history(admin, auto.ticket.id)).map((e) => e.type)).not.toContain("ticket.replied");
  });

  it("refuse rules that do not fit their trigger or refer to what does not exist, and only technical admins change rules", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const elapsed = { field: "elapsed", since: "created", hours: 2 };
    const cases: [unknown, string][] = [
      [{ trigger: "time", actions: [{ action: "addTag", tag: "x" }] }, "body.conditions"],
      [{ trigger: "created", conditions: [elapsed], actions: [{ action: "addTag", tag: "x" }] }, "body.conditions"],
      [{ trigger: "updated", actions: [{ action: "setState", state: "resolved" }] }, "body.actions.0"],
      [{ trigger: "time", conditions: [elapsed], actions: [{ action: "notify" }] }, "body.actions.0.userIds"],
      [
        { trigger: "time", conditions: [elapsed], actions: [{ action: "notify", userIds: [tenant.users.viewer?.id] }] },
        "body.actions.0.userIds",
      ],
      [
        { trigger: "time", conditions: [elapsed], actions: [{ action: "autoReply", templateId: "00000000-0000-4000-8000-000000000000" }] },
        "body.actions.0.templateId",
      ],
      [{ trigger: "time", conditions: [elapsed], actions: [{ action: "addTag", tag: "two words" }] }, "body.actions.0.tag"],
      [{ trigger: "time", conditions: [{ ...elapsed, hours: 0 }], actions: [{ action: "addTag", tag: "x" }] }, "body.conditions.0.hours"],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post("/api/staff/admin/rules", { name: "Virheellinen", ...(body as object) });
      expect(res.statusCode, `${path} ${res.body}`).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const good = { name: "Hyvä", trigger: "time", conditions: [elapsed], actions: [{ action: "addTag", tag: "vanha" }] };
    const made = await admin.post("/api/staff/admin/rules", good);
    expect(made.statusCode, made.body).toBe(201);
    // A time rule cannot lose its elapsed condition by a change.
    expect((await admin.patch(`/api/staff/admin/rules/${made.json().id}`, { conditions: [] })).statusCode).toBe(400);
    const content = await signIn(t.app, tenant, "contentadmin");
    expect((await content.get("/api/staff/admin/rules")).statusCode).toBe(200);
    for (const key of ["contentadmin", "advisor", "expert", "viewer", "partner"]) {
      const user = key === "contentadmin" ? content : await signIn(t.app, tenant, key);
      expect((await user.post("/api/staff/admin/rules", good)).statusCode, key).toBe(403);
      expect((await user.patch(`/api/staff/admin/rules/${made.json().id}`, { active: false })).statusCode, key).toBe(403);
      expect((await user.delete(`/api/staff/admin/rules/${made.json().id}`)).statusCode, key).toBe(403);
      if (key !== "contentadmin") expect((await user.get("/api/staff/admin/rules")).statusCode, key).toBe(403);
    }
  });
});
