import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { ruleFirings, ruleMisses, ticketEvents, tickets } from "../../db/schema.ts";
import { runTimeRules } from "./rules.timer.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
const ticketOf = async (client: Client, reference: string) =>
  (await client.get(`/api/staff/tickets?q=${reference}`)).json().items[0] as { id: string };

describe("time rules remember misses", () => {
  it("test a ticket that missed again only once it or the rule's conditions change", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    const made = await admin.post("/api/staff/admin/rules", {
      name: "Katuvalot",
      trigger: "time",
      conditions: [
        { field: "words", anyOf: ["katuvalo"] },
        { field: "elapsed", since: "created", hours: 24 },
      ],
      actions: [{ action: "addTag", tag: "valo" }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const submit = async (description: string) => ticketOf(advisor, (await submitContact(t.app, tenant, { description })).reference);
    // "Ylikatuvalot" holds the letters but no word beginning with "katuvalo": SQL lets it through, the engine does not.
    const hit = await submit("Katuvalo on rikki pyörätien varressa");
    const near = await submit("Ylikatuvalot vilkkuvat koko illan");
    const other = await submit("Syvä kuoppa suojatien vieressä");
    const all = [hit.id, near.id, other.id];
    await t.ctx.db
      .update(tickets)
      .set({ createdAt: daysAgo(2) })
      .where(inArray(tickets.id, all));

    const first = await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    expect(first).toMatchObject({ scanned: 2, fired: 1 });
    const misses = () => t.ctx.db.select().from(ruleMisses).where(inArray(ruleMisses.ticketId, all));
    expect((await misses()).map((m) => m.ticketId)).toEqual([near.id]);
    // Nothing changed: the next rounds read nothing.
    expect(await runTimeRules(t.ctx.db, { organisationId: tenant.id })).toMatchObject({ scanned: 0, fired: 0 });

    // The ticket changes so that it matches: it fires in the next round, and its miss is forgotten.
    const edited = await advisor.patch(`/api/staff/tickets/${near.id}`, { description: "Ylikatuvalot ja katuvalot vilkkuvat" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await runTimeRules(t.ctx.db, { organisationId: tenant.id })).toMatchObject({ scanned: 1, fired: 1 });
    expect(await misses()).toEqual([]);
    const tags = await t.ctx.db.select({ id: tickets.id, tags: tickets.tags }).from(tickets).where(inArray(tickets.id, all));
    expect(Object.fromEntries(tags.map((r) => [r.id, r.tags]))).toEqual({ [hit.id]: ["valo"], [near.id]: ["valo"], [other.id]: [] });

    // The rule's conditions change: the misses of the old conditions do not hold back the new ones.
    const late = await submit("Ylikatuvalo sammunut");
    await t.ctx.db
      .update(tickets)
      .set({ createdAt: daysAgo(2) })
      .where(eq(tickets.id, late.id));
    expect(await runTimeRules(t.ctx.db, { organisationId: tenant.id })).toMatchObject({ scanned: 1, fired: 0 });
    const changed = await admin.patch(`/api/staff/admin/rules/${made.json().id}`, {
      conditions: [
        { field: "words", anyOf: ["katuvalo", "ylikatu"] },
        { field: "elapsed", since: "created", hours: 24 },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await runTimeRules(t.ctx.db, { organisationId: tenant.id })).toMatchObject({ fired: 1 });
    expect((await t.ctx.db.select().from(ruleFirings).where(eq(ruleFirings.ticketId, late.id))).length).toBe(1);
  });
});

describe("stop processing", () => {
  it("leaves a ticket out of the later time rules of the round once a stopping rule fired, and says so in its history", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    const elapsed = { field: "elapsed", since: "created", hours: 24 };
    const stopping = await admin.post("/api/staff/admin/rules", {
      name: "Kiireelliset ensin",
      trigger: "time",
      stopsProcessing: true,
      conditions: [{ field: "words", anyOf: ["vesivuoto"] }, elapsed],
      actions: [{ action: "setPriority", priority: "urgent" }],
    });
    expect(stopping.statusCode, stopping.body).toBe(201);
    const later = await admin.post("/api/staff/admin/rules", {
      name: "Vanhat merkitään",
      trigger: "time",
      conditions: [elapsed],
      actions: [{ action: "addTag", tag: "vanha" }],
    });
    expect(later.statusCode, later.body).toBe(201);
    const leak = await ticketOf(advisor, (await submitContact(t.app, tenant, { description: "Vesivuoto kadulla" })).reference);
    const hole = await ticketOf(advisor, (await submitContact(t.app, tenant)).reference);
    await t.ctx.db
      .update(tickets)
      .set({ createdAt: daysAgo(2) })
      .where(inArray(tickets.id, [leak.id, hole.id]));

    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    const row = async (id: string) => (await t.ctx.db.select().from(tickets).where(eq(tickets.id, id)))[0];
    expect(await row(leak.id)).toMatchObject({ priority: "urgent", tags: [] });
    expect(await row(hole.id)).toMatchObject({ priority: "normal", tags: ["vanha"] });
    const applied = await t.ctx.db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, leak.id))
      .then((rows) => rows.filter((r) => "trigger" in r.data));
    expect(applied).toHaveLength(1);
    expect(applied[0]?.data).toMatchObject({ trigger: "time", stoppedBy: { id: stopping.json().id, name: "Kiireelliset ensin" } });

    // The stop holds for that round; in a later one the stopping rule has fired for its period and the next rules run.
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    expect(await row(leak.id)).toMatchObject({ priority: "urgent", tags: ["vanha"] });
  });

  it("records in a new ticket's history which rule stopped the later ones", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const first = await admin.post("/api/staff/admin/rules", {
      name: "Kuopat kaduille",
      trigger: "created",
      stopsProcessing: true,
      conditions: [{ field: "words", anyOf: ["kuoppa"] }],
      actions: [{ action: "route", groupId: tenant.groups.streets }],
    });
    expect(first.statusCode, first.body).toBe(201);
    await admin.post("/api/staff/admin/rules", {
      name: "Kaikki viheralueille",
      trigger: "created",
      actions: [{ action: "route", groupId: tenant.groups.green }],
    });
    const advisor = await signIn(t.app, tenant, "advisor");
    const ticket = await ticketOf(advisor, (await submitContact(t.app, tenant)).reference);
    const history = (await advisor.get(`/api/staff/tickets/${ticket.id}`)).json().history as {
      type: string;
      data: Record<string, unknown>;
    }[];
    const created = history.find((e) => e.type === "ticket.created");
    expect(created?.data).toMatchObject({ groupId: tenant.groups.streets, stoppedBy: { name: "Kuopat kaduille" } });
    expect(created?.data.rules).toMatchObject([{ name: "Kuopat kaduille" }]);
  });
});
