import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { businessCalendars, groupMemberships, handlerGroups, tickets, users } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { runTimeRules } from "./rules.timer.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Event = { type: string; data: Record<string, unknown> };

/** A new group of `count` experts (ids sorted, the order turns go in); `sensitive` gives the group sensitive access. */
async function team(tenant: SeededOrganisation, count: number, sensitive = false) {
  const [group] = await t.ctx.db
    .insert(handlerGroups)
    .values({
      organisationId: tenant.id,
      code: `team-${randomBytes(3).toString("hex")}`,
      name: { fi: "Vuorotiimi" },
      sensitiveAccess: sensitive,
    })
    .returning({ id: handlerGroups.id });
  const people = !count
    ? []
    : await t.ctx.db
        .insert(users)
        .values(
          Array.from({ length: count }, (_, i) => ({
            organisationId: tenant.id,
            email: `vuoro${i}-${randomBytes(3).toString("hex")}@${tenant.slug}.test`,
            name: `Vuoro ${i}`,
            role: "expert" as const,
          })),
        )
        .returning({ id: users.id });
  const groupId = group?.id as string;
  if (people.length)
    await t.ctx.db.insert(groupMemberships).values(people.map((p) => ({ organisationId: tenant.id, groupId, userId: p.id })));
  return { groupId, members: people.map((p) => p.id).sort() };
}

async function inTurnRule(tenant: SeededOrganisation, body: Record<string, unknown>) {
  const admin = await signIn(t.app, tenant, "admin");
  const made = await admin.post("/api/staff/admin/rules", { name: "Vuorotellen", trigger: "created", ...body });
  expect(made.statusCode, made.body).toBe(201);
  return made.json().id as string;
}

const handlersOf = async (references: string[]) => {
  const rows = await t.ctx.db.select().from(tickets).where(inArray(tickets.reference, references));
  return references.map((r) => rows.find((x) => x.reference === r)?.handlerId ?? null);
};

describe("assign in turn", () => {
  it("hands new tickets to the group's members one after another, and parallel ones evenly", async () => {
    const tenant = await newTenant(t.ctx);
    const { groupId, members } = await team(tenant, 3);
    await inTurnRule(tenant, { actions: [{ action: "routeInTurn", groupId }] });
    const sequential: string[] = [];
    for (let i = 0; i < 4; i++) sequential.push((await submitContact(t.app, tenant)).reference);
    const first = (await handlersOf(sequential))[0] as string;
    const start = members.indexOf(first);
    expect(await handlersOf(sequential)).toEqual([0, 1, 2, 3].map((i) => members[(start + i) % 3]));

    // Twelve at once (a second server would be no different: one atomic statement moves the turn).
    const parallel = await Promise.all(Array.from({ length: 12 }, () => submitContact(t.app, tenant)));
    const handlers = await handlersOf(parallel.map((r) => r.reference));
    const counts = members.map((m) => handlers.filter((h) => h === m).length);
    expect(counts).toEqual([4, 4, 4]);
    const rows = await t.ctx.db.select().from(tickets).where(inArray(tickets.reference, sequential));
    expect(rows.every((r) => r.groupId === groupId)).toBe(true);
  });

  it("skips members who are absent or off duty, and leaves the ticket in the queue, saying why, when nobody is at work", async () => {
    const tenant = await newTenant(t.ctx);
    const { groupId, members } = await team(tenant, 3);
    const [away, offDuty, atWork] = members as [string, string, string];
    const [closed] = await t.ctx.db
      .insert(businessCalendars)
      .values({
        organisationId: tenant.id,
        name: { fi: "Ei koskaan" },
        calendar: { timeZone: "Europe/Helsinki", weekly: {}, publicHolidays: "none", exceptions: [] },
      })
      .returning({ id: businessCalendars.id });
    await t.ctx.db
      .update(users)
      .set({ absentFrom: new Date(Date.now() - 3_600_000) })
      .where(eq(users.id, away));
    await t.ctx.db.update(users).set({ workingCalendarId: closed?.id }).where(eq(users.id, offDuty));
    await inTurnRule(tenant, { actions: [{ action: "routeInTurn", groupId }] });
    const refs = [(await submitContact(t.app, tenant)).reference, (await submitContact(t.app, tenant)).reference];
    expect(await handlersOf(refs)).toEqual([atWork, atWork]);

    await t.ctx.db
      .update(users)
      .set({ absentFrom: new Date(Date.now() - 3_600_000) })
      .where(eq(users.id, atWork));
    const nobody = await submitContact(t.app, tenant);
    const [row] = await t.ctx.db.select().from(tickets).where(eq(tickets.reference, nobody.reference));
    expect(row).toMatchObject({ groupId, handlerId: null });
    const advisor = await signIn(t.app, tenant, "advisor");
    const history = (await advisor.get(`/api/staff/tickets/${row?.id}`)).json().history as Event[];
    expect(history.find((e) => e.type === "ticket.created")?.data).toMatchObject({ turn: { groupId, handlerId: null } });
  });

  it("gives a flagged ticket only to members who may open it", async () => {
    const tenant = await newTenant(t.ctx);
    const { groupId, members } = await team(tenant, 3);
    const cleared = members[1] as string;
    const { groupId: sensitiveGroup } = await team(tenant, 0, true);
    await t.ctx.db.insert(groupMemberships).values({ organisationId: tenant.id, groupId: sensitiveGroup, userId: cleared });
    await inTurnRule(tenant, {
      conditions: [{ field: "words", anyOf: ["diagnoosi"] }],
      actions: [{ action: "markSensitive" }, { action: "routeInTurn", groupId }],
    });
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push((await submitContact(t.app, tenant, { description: "Diagnoosi ja hoito" })).reference);
    expect(await handlersOf(refs)).toEqual([cleared, cleared, cleared]);
    // An unflagged ticket goes to anyone in turn.
    const plain = await inTurnRule(tenant, { actions: [{ action: "routeInTurn", groupId }] });
    expect(plain).toBeTruthy();
    const others = await handlersOf([(await submitContact(t.app, tenant)).reference, (await submitContact(t.app, tenant)).reference]);
    expect(others.every((h) => h && members.includes(h))).toBe(true);
    expect(new Set(others).size).toBe(2);
  });

  it("assigns in turn from a time rule, and its history names the person", async () => {
    const tenant = await newTenant(t.ctx);
    const { groupId, members } = await team(tenant, 2);
    await inTurnRule(tenant, {
      trigger: "time",
      conditions: [
        { field: "assigned", is: false },
        { field: "elapsed", since: "created", hours: 1 },
      ],
      actions: [{ action: "routeInTurn", groupId }],
    });
    const refs = [(await submitContact(t.app, tenant)).reference, (await submitContact(t.app, tenant)).reference];
    await t.ctx.db
      .update(tickets)
      .set({ createdAt: new Date(Date.now() - 2 * 3_600_000) })
      .where(inArray(tickets.reference, refs));
    await runTimeRules(t.ctx.db, { organisationId: tenant.id });
    const handlers = await handlersOf(refs);
    expect([...handlers].sort()).toEqual(members);
    const advisor = await signIn(t.app, tenant, "advisor");
    const [row] = await t.ctx.db
      .select()
      .from(tickets)
      .where(eq(tickets.reference, refs[0] as string));
    const history = (await advisor.get(`/api/staff/tickets/${row?.id}`)).json().history as Event[];
    expect(history.find((e) => e.type === "ticket.rules_applied")?.data).toMatchObject({
      trigger: "time",
      turn: { groupId, handlerId: handlers[0] },
    });
  });

  it("refuses a group the organisation does not have", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const res = await admin.post("/api/staff/admin/rules", {
      name: "Vieras ryhmä",
      trigger: "created",
      actions: [{ action: "routeInTurn", groupId: "00000000-0000-4000-8000-000000000000" }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain("body.actions.0.groupId");
  });
});
