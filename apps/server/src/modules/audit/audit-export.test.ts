import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { csvCell } from "./audit-export.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Two residents' tickets, read and changed by an expert; the admin asks for logs. */
async function setup() {
  const tenant = await newTenant(t.ctx);
  const mine = await submitContact(t.app, tenant, {
    wantsReply: true,
    contact: { name: "Maija Meikäläinen", email: "maija@example.test" },
  });
  await submitContact(t.app, tenant, { wantsReply: true, contact: { name: "Toinen Asukas", email: "toinen@example.test" } });
  const expert = await signIn(t.app, tenant, "expert");
  const id = (await expert.get(`/api/staff/tickets?q=${mine.reference}`)).json().items[0].id as string;
  await expert.request({ method: "GET", url: `/api/staff/tickets/${id}`, headers: { "user-agent": '=HYPERLINK("http://evil")' } });
  await expert.post(`/api/staff/tickets/${id}/notes`, { body: "Tarkistetaan" });
  const admin = await signIn(t.app, tenant, "admin");
  return { tenant, admin, reference: mine.reference };
}

describe("log-request export", () => {
  it("finds a resident by email: reads and changes of their tickets, as JSON", async () => {
    const { admin, reference } = await setup();
    const res = await admin.get("/api/staff/admin/audit/log-request?email=MAIJA@example.test");
    expect(res.statusCode, res.body).toBe(200);
    const log = res.json();
    expect(log.matched).toEqual({ customers: 1, users: 0 });
    // The change answers with the ticket, which is a read too.
    expect(log.entries.map((e: { action: string }) => e.action)).toEqual([
      "ticket.created",
      "ticket.read_with_customer",
      "ticket.noted",
      "ticket.read_with_customer",
    ]);
    expect(
      log.entries.every((e: { ticketReference: string; relation: string }) => e.ticketReference === reference && e.relation === "subject"),
    ).toBe(true);
    expect(log.entries[1]).toMatchObject({ actorName: "Eero Asiantuntija", actorKind: "user", ip: "127.0.0.1" });
    expect(log.entries[0]).toMatchObject({ actorKind: "resident", actorName: null });
    expect(JSON.stringify(log)).not.toMatch(/toinen@example/);
  });

  it("finds a resident by name and a staff member's own actions, as formula-safe CSV", async () => {
    const { tenant, admin } = await setup();
    const byName = await admin.get(`/api/staff/admin/audit/log-request?name=${encodeURIComponent("maija meikäläinen")}&format=csv`);
    expect(byName.statusCode).toBe(200);
    expect(byName.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(byName.headers["content-disposition"]).toMatch(/^attachment; filename="log-request-\d{4}-\d\d-\d\d\.csv"$/);
    const lines = byName.body
      .replace(/^\ufeff/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      '"lane","seq","at","relation","action","actorKind","actorName","actorEmail","subjectType","subjectId","ticketReference","ip","userAgent"',
    );
    expect(lines).toHaveLength(5);
    // The user agent was a formula: it arrives as text.
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);

    const staff = (await admin.get(`/api/staff/admin/audit/log-request?email=${tenant.users.expert?.email}`)).json();
    expect(staff.matched).toEqual({ customers: 0, users: 1 });
    expect(staff.entries.map((e: { action: string; relation: string }) => [e.relation, e.action])).toEqual([
      ["actor", "ticket.read_with_customer"],
      ["actor", "ticket.noted"],
      ["actor", "ticket.read_with_customer"],
    ]);
  });

  it("audits every export, refuses bad queries and other roles", async () => {
    const { tenant, admin } = await setup();
    await admin.get("/api/staff/admin/audit/log-request?email=nobody@example.test");
    const own = (await admin.get(`/api/staff/admin/audit/log-request?email=${tenant.users.admin?.email}`)).json();
    expect(own.entries.at(-1)).toMatchObject({ relation: "actor", action: "audit.log_request_exported", subjectType: "audit_log" });
    for (const query of ["", "?email=a@b.fi&name=Maija", "?email=a@b.fi&format=xml"]) {
      const res = await admin.get(`/api/staff/admin/audit/log-request${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    const advisor = await signIn(t.app, tenant, "advisor");
    expect((await advisor.get("/api/staff/admin/audit/log-request?email=maija@example.test")).statusCode).toBe(403);
    expect((await admin.get("/api/staff/admin/audit/verify")).json().broken).toBeNull();
  });

  it("makes spreadsheet formulas inert and quotes every cell", () => {
    expect(csvCell("=1+1")).toBe(`"'=1+1"`);
    expect(csvCell("+358 40 123")).toBe(`"'+358 40 123"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell('a "b", c\nd')).toBe(`"a ""b"", c\nd"`);
    expect(csvCell(null)).toBe(`""`);
    expect(csvCell(12)).toBe(`"12"`);
  });
});
