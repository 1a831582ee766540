import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { unavailability } from "./absence.ts";

const at = (s: string) => new Date(s);
const officeHours = {
  timeZone: "Europe/Helsinki",
  weekly: { mon: [{ from: "08:00", to: "16:00" }], tue: [{ from: "08:00", to: "16:00" }] },
  publicHolidays: "fi" as const,
  exceptions: [],
};

describe("who is away", () => {
  it("counts an absence from its start until its end, with either end open", () => {
    const none = { absentFrom: null, absentUntil: null, calendar: null };
    expect(unavailability(none, at("2026-06-01T10:00:00Z"))).toBeNull();
    const leave = { ...none, absentFrom: at("2026-06-01T00:00:00Z"), absentUntil: at("2026-06-08T00:00:00Z") };
    expect(unavailability(leave, at("2026-05-31T23:59:00Z"))).toBeNull();
    expect(unavailability(leave, at("2026-06-01T00:00:00Z"))).toBe("absent");
    expect(unavailability(leave, at("2026-06-08T00:00:00Z"))).toBeNull();
    expect(unavailability({ ...none, absentFrom: at("2026-06-01T00:00:00Z") }, at("2030-01-01T00:00:00Z"))).toBe("absent");
    expect(unavailability({ ...none, absentUntil: at("2026-06-08T00:00:00Z") }, at("2026-06-07T00:00:00Z"))).toBe("absent");
  });

  it("counts working hours in the calendar's time zone, closed on Finnish public holidays", () => {
    const person = { absentFrom: null, absentUntil: null, calendar: officeHours };
    // Monday 1 June 2026, 9:00 in Helsinki (UTC+3) is 6:00 UTC.
    expect(unavailability(person, at("2026-06-01T06:00:00Z"))).toBeNull();
    expect(unavailability(person, at("2026-06-01T04:59:00Z"))).toBe("off_duty");
    expect(unavailability(person, at("2026-06-01T13:00:00Z"))).toBe("off_duty");
    expect(unavailability(person, at("2026-06-03T08:00:00Z")), "Wednesday is not a working day").toBe("off_duty");
    // Monday 6 April 2026 is Easter Monday.
    expect(unavailability(person, at("2026-04-06T08:00:00Z"))).toBe("off_duty");
    const never = { ...person, calendar: { ...officeHours, weekly: {} } };
    expect(unavailability(never, at("2026-06-01T06:00:00Z")), "a calendar that never opens").toBe("off_duty");
    // Leave wins over working hours.
    expect(unavailability({ ...person, absentFrom: at("2026-06-01T00:00:00Z") }, at("2026-06-01T06:00:00Z"))).toBe("absent");
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Event = { type: string; data: Record<string, unknown> };

describe("routing to a person who is away", () => {
  it("sends the ticket to the substitute, or else to the group's queue, and the history says why", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const expert = await signIn(t.app, tenant, "expert");
    const advisor = await signIn(t.app, tenant, "advisor");
    const rule = await admin.post("/api/staff/admin/rules", {
      name: "Kuopat Eerolle",
      trigger: "created",
      conditions: [{ field: "words", anyOf: ["kuoppa"] }],
      actions: [{ action: "route", handlerId: tenant.users.expert?.id }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const ticketOf = async (description: string) => {
      const { reference } = await submitContact(t.app, tenant, { description });
      const [row] = (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items;
      return (await advisor.get(`/api/staff/tickets/${row.id}`)).json();
    };

    const present = await ticketOf("Kuoppa kadulla");
    expect(present.handler?.id).toBe(tenant.users.expert?.id);

    // Eero sets his own leave, open-ended, with Emma as substitute.
    const set = await expert.put("/api/staff/me/absence", {
      absentFrom: new Date(Date.now() - 60_000).toISOString(),
      absentUntil: null,
      substituteId: tenant.users.expert2?.id,
      workingCalendarId: null,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ away: "absent", absence: { substituteId: tenant.users.expert2?.id } });
    const users = (await advisor.get("/api/staff/users")).json().items;
    expect(users.find((u: { id: string }) => u.id === tenant.users.expert?.id)).toMatchObject({ away: "absent", absentUntil: null });
    expect(users.find((u: { id: string }) => u.id === tenant.users.expert2?.id)).toMatchObject({ away: null });

    const substituted = await ticketOf("Toinen kuoppa");
    expect(substituted.handler?.id).toBe(tenant.users.expert2?.id);
    const created = substituted.history.find((e: Event) => e.type === "ticket.created") as Event;
    expect(created.data.diverted).toEqual({ handlerId: tenant.users.expert?.id, reason: "absent", substituteId: tenant.users.expert2?.id });

    // The substitute is away too (an admin sets it): the ticket waits in Eero's group's queue.
    const leaveForEmma = await admin.put(`/api/staff/admin/users/${tenant.users.expert2?.id}/absence`, {
      absentFrom: null,
      absentUntil: new Date(Date.now() + 86_400_000).toISOString(),
      substituteId: null,
      workingCalendarId: null,
    });
    expect(leaveForEmma.statusCode, leaveForEmma.body).toBe(200);
    const queued = await ticketOf("Kolmas kuoppa");
    expect(queued.handler).toBeNull();
    expect(queued.group?.id).toBe(tenant.groups.streets);
    expect((queued.history.find((e: Event) => e.type === "ticket.created") as Event).data.diverted).toMatchObject({
      reason: "absent",
      substituteId: null,
    });

    // Back at work: routed to him again.
    const back = await expert.put("/api/staff/me/absence", {
      absentFrom: null,
      absentUntil: null,
      substituteId: null,
      workingCalendarId: null,
    });
    expect(back.json().away).toBeNull();
    expect((await ticketOf("Neljäs kuoppa")).handler?.id).toBe(tenant.users.expert?.id);
  });

  it("diverts 'updated' rules too: someone off duty by their working hours gets nothing routed to them", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    const never = await admin.post("/api/staff/admin/calendars", { name: { fi: "Ei koskaan" }, calendar: { weekly: {} } });
    expect(never.statusCode, never.body).toBe(201);
    const hours = await admin.put(`/api/staff/admin/users/${tenant.users.expert2?.id}/absence`, {
      absentFrom: null,
      absentUntil: null,
      substituteId: null,
      workingCalendarId: never.json().id,
    });
    expect(hours.json().away).toBe("off_duty");
    const rule = await admin.post("/api/staff/admin/rules", {
      name: "Leikkipaikat Emmalle",
      trigger: "updated",
      conditions: [{ field: "changed", anyOf: ["category"] }],
      actions: [{ action: "route", groupId: tenant.groups.green, handlerId: tenant.users.expert2?.id }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const { reference } = await submitContact(t.app, tenant, { description: "Keinu rikki" });
    const [row] = (await advisor.get(`/api/staff/tickets?q=${reference}`)).json().items;
    const moved = await advisor.post(`/api/staff/tickets/${row.id}/reclassify`, { categoryId: tenant.categories.playgrounds });
    expect(moved.statusCode, moved.body).toBe(200);
    const detail = moved.json();
    expect(detail.handler).toBeNull();
    expect(detail.group?.id).toBe(tenant.groups.green);
    const applied = detail.history.find((e: Event) => e.type === "ticket.rules_applied") as Event;
    expect(applied.data.diverted).toEqual({ handlerId: tenant.users.expert2?.id, reason: "off_duty", substituteId: null });
  });

  it("lets each handler set their own absence and technical admins anyone's, and validates it", async () => {
    const tenant = await newTenant(t.ctx);
    const expert = await signIn(t.app, tenant, "expert");
    const admin = await signIn(t.app, tenant, "admin");
    const calendars = (await expert.get("/api/staff/me/absence")).json().calendars;
    expect(calendars.length).toBeGreaterThan(0);
    const clear = { absentFrom: null, absentUntil: null, substituteId: null, workingCalendarId: null };
    const withHours = await expert.put("/api/staff/me/absence", { ...clear, workingCalendarId: calendars[0].id });
    expect(withHours.statusCode).toBe(200);
    for (const body of [
      { ...clear, absentFrom: "2026-06-08T00:00:00Z", absentUntil: "2026-06-01T00:00:00Z" },
      { ...clear, absentFrom: "huomenna" },
      { absentFrom: null },
    ]) {
      const res = await expert.put("/api/staff/me/absence", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    for (const bad of [
      { ...clear, substituteId: tenant.users.expert?.id },
      { ...clear, substituteId: tenant.users.viewer?.id },
      { ...clear, workingCalendarId: tenant.groups.streets },
    ])
      expect((await expert.put("/api/staff/me/absence", bad)).statusCode, JSON.stringify(bad)).toBe(400);

    const other = `/api/staff/admin/users/${tenant.users.expert2?.id}/absence`;
    expect((await expert.get(other)).statusCode).toBe(403);
    expect((await expert.put(other, clear)).statusCode).toBe(403);
    expect((await admin.get(other)).statusCode).toBe(200);
    expect((await admin.get(`/api/staff/admin/users/${tenant.groups.streets}/absence`)).statusCode).toBe(404);
    for (const role of ["viewer", "reporter", "internal"])
      expect((await (await signIn(t.app, tenant, role)).get("/api/staff/me/absence")).statusCode, role).toBe(403);
  });
});
