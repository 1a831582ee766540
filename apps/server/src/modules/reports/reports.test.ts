/**
 * Report figures with real numbers: tickets with known time stamps in a fresh organisation, the
 * exact counts, medians, percentiles and service-level shares they must give, the CSV export,
 * bad queries, whose tickets are counted. Every role's access is in `test/rights/reports.test.ts`.
 */
import type { ReportSummary } from "@yhteys/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import type { SeededOrganisation } from "../demo/demo.ts";
import { at, hoursAfter, type KnownTicket, knownTicket } from "./reports.fixtures.ts";

let t: TestApp;
let tenant: SeededOrganisation;
let reporter: Client;

const ticket = (k: KnownTicket) => knownTicket(t.ctx.db, tenant, k);

beforeAll(async () => {
  t = await startTestApp();
  tenant = await newTenant(t.ctx);
  reporter = await signIn(t.app, tenant, "reporter");
  // March 2026 in Finnish time: 2026-02-28T22:00Z … 2026-03-31T21:00Z (summer time from 29 March).
  const a = await ticket({
    created: "2026-03-02T10:00:00Z",
    group: "streets",
    handler: "expert",
    state: "resolved",
    firstResponseAt: hoursAfter("2026-03-02T10:00:00Z", 2),
    firstResponseDueAt: hoursAfter("2026-03-02T10:00:00Z", 4),
    resolvedAt: hoursAfter("2026-03-02T10:00:00Z", 10),
    resolutionDueAt: hoursAfter("2026-03-02T10:00:00Z", 8),
  });
  await ticket({
    created: "2026-03-03T10:00:00Z",
    group: "streets",
    channel: "email",
    state: "resolved",
    firstResponseAt: hoursAfter("2026-03-03T10:00:00Z", 6),
    firstResponseDueAt: hoursAfter("2026-03-03T10:00:00Z", 4),
    resolvedAt: hoursAfter("2026-03-03T10:00:00Z", 30),
    resolutionDueAt: hoursAfter("2026-03-03T10:00:00Z", 48),
  });
  // Answered exactly at its due time (met); unresolved past its resolution due time (missed).
  await ticket({
    created: "2026-03-10T10:00:00Z",
    group: "streets",
    state: "in_progress",
    firstResponseAt: hoursAfter("2026-03-10T10:00:00Z", 4),
    firstResponseDueAt: hoursAfter("2026-03-10T10:00:00Z", 4),
    resolutionDueAt: at("2026-03-12T10:00:00Z"),
  });
  // Never answered, its first-response due time passed in March: a missed target.
  await ticket({
    created: "2026-03-20T10:00:00Z",
    group: "green",
    channel: "phone",
    state: "new",
    firstResponseDueAt: at("2026-03-20T12:00:00Z"),
  });
  // Created in February, resolved in March after 18 days (432 h).
  await ticket({
    created: "2026-02-15T10:00:00Z",
    group: "green",
    state: "resolved",
    firstResponseAt: at("2026-02-16T10:00:00Z"),
    resolvedAt: at("2026-03-05T10:00:00Z"),
  });
  // Open since February.
  await ticket({ created: "2026-02-20T10:00:00Z", group: "streets", state: "in_progress" });
  // A duplicate merged into the first: not counted at all.
  await ticket({
    created: "2026-03-04T10:00:00Z",
    group: "streets",
    state: "closed_unnecessary",
    resolvedAt: at("2026-03-04T11:00:00Z"),
    mergedIntoId: a,
  });
  // Outside March: received in April; received and resolved in January.
  await ticket({ created: "2026-04-05T10:00:00Z", group: "streets", state: "new" });
  await ticket({ created: "2026-01-01T10:00:00Z", group: "green", state: "resolved", resolvedAt: at("2026-01-10T10:00:00Z") });
  // Closed as unnecessary after two hours without an answer.
  await ticket({
    created: "2026-03-25T10:00:00Z",
    group: "green",
    state: "closed_unnecessary",
    resolvedAt: hoursAfter("2026-03-25T10:00:00Z", 2),
  });
});
afterAll(() => t.close());

const march = "from=2026-03-01&to=2026-03-31";
const summary = async (client: Client, query: string) => {
  const res = await client.get(`/api/staff/reports/summary?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ReportSummary;
};

describe("report summary", () => {
  it("gives the period's totals: received, resolved, backlog, medians, 90th percentiles and SLA shares", async () => {
    const s = await summary(reporter, `${march}&by=group`);
    expect(s).toMatchObject({ from: "2026-03-01", to: "2026-03-31", by: "group", timeZone: "Europe/Helsinki" });
    expect(s.totals).toEqual({
      received: 5,
      resolved: 4,
      backlog: 3,
      // Ages at the end of March of the three open tickets: 21.46, 11.46 and 39.46 days.
      backlogAgeDays: 21.5,
      firstResponseHours: { median: 4, p90: 5.6 },
      resolutionHours: { median: 20, p90: 311.4 },
      firstResponseSla: { measured: 4, metPercent: 50 },
      resolutionSla: { measured: 3, metPercent: 33.3 },
    });
  });

  it("breaks the figures down by group, named in the asked language, busiest first", async () => {
    const s = await summary(reporter, `${march}&by=group&lang=en`);
    expect(s.rows).toEqual([
      {
        key: tenant.groups.streets,
        name: "Streets and traffic",
        received: 3,
        resolved: 2,
        backlog: 2,
        backlogAgeDays: 30.5,
        firstResponseHours: { median: 4, p90: 5.6 },
        resolutionHours: { median: 20, p90: 28 },
        firstResponseSla: { measured: 3, metPercent: 66.7 },
        resolutionSla: { measured: 3, metPercent: 33.3 },
      },
      {
        key: tenant.groups.green,
        name: "Green areas",
        received: 2,
        resolved: 2,
        backlog: 1,
        backlogAgeDays: 11.5,
        firstResponseHours: { median: null, p90: null },
        resolutionHours: { median: 217, p90: 389 },
        firstResponseSla: { measured: 1, metPercent: 0 },
        resolutionSla: { measured: 0, metPercent: null },
      },
    ]);
  });

  it("breaks down by week: every week of the period, each measure in the week it happened, backlog at each week's end", async () => {
    const s = await summary(reporter, `${march}&by=week`);
    expect(s.rows.map((r) => [r.key, r.name, r.received, r.resolved, r.backlog])).toEqual([
      ["2026-02-23", "vk 9/2026", 0, 0, 2],
      ["2026-03-02", "vk 10/2026", 2, 3, 1],
      ["2026-03-09", "vk 11/2026", 1, 0, 2],
      ["2026-03-16", "vk 12/2026", 1, 0, 3],
      ["2026-03-23", "vk 13/2026", 1, 1, 3],
      ["2026-03-30", "vk 14/2026", 0, 0, 3],
    ]);
    expect(s.rows[1]?.resolutionHours).toEqual({ median: 30, p90: 351.6 });
    expect(s.totals.backlog).toBe(3);
  });

  it("filters and breaks down by channel", async () => {
    const s = await summary(reporter, `${march}&by=channel&groupId=${tenant.groups.streets}`);
    expect(s.rows.map((r) => [r.key, r.name, r.received])).toEqual([
      ["web", "Verkkolomake", 2],
      ["email", "Sähköposti", 1],
    ]);
    expect(s.totals.received).toBe(3);
    const phone = await summary(reporter, `${march}&channel=phone`);
    expect(phone.totals).toMatchObject({ received: 1, resolved: 0, backlog: 1 });
  });

  it("defaults to the last 30 days and the group breakdown", async () => {
    const s = await summary(reporter, "");
    const days = (Date.parse(s.to) - Date.parse(s.from)) / 86_400_000 + 1;
    expect(days).toBe(30);
    expect(s.by).toBe("group");
  });

  it("exports CSV: BOM, semicolons, decimal comma, names and totals, a file name", async () => {
    const res = await reporter.get(`/api/staff/reports/summary.csv?${march}&by=group&lang=fi`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="raportti-group-2026-03-01-2026-03-31.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]?.split(";").slice(0, 3)).toEqual(["Peruste", "Saapuneet", "Ratkaistut"]);
    expect(lines[1]).toBe("Katu- ja liikenneyksikkö;3;2;2;30,5;4;5,6;20;28;3;66,7;3;33,3");
    expect(lines[2]).toBe("Viheralueet;2;2;1;11,5;;;217;389;1;0;0;");
    expect(lines[3]).toBe("Yhteensä;5;4;3;21,5;4;5,6;20;311,4;4;50;3;33,3");
  });

  it("refuses bad queries with 400 problem+json", async () => {
    for (const query of [
      "from=2026-03-31&to=2026-03-01",
      "from=2024-01-01&to=2026-03-01",
      "from=2026-02-30",
      "by=colour",
      "channel=pigeon",
      "groupId=not-a-uuid",
      "format=xlsx",
    ]) {
      const res = await reporter.get(`/api/staff/reports/summary?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"], query).toContain("application/problem+json");
      expect(res.json().code, query).toBe("validation_failed");
    }
  });
});

describe("whose figures", () => {
  it("counts only a content admin's own groups", async () => {
    const s = await summary(await signIn(t.app, tenant, "contentadmin"), `${march}&by=group`);
    expect(s.rows.map((r) => r.key)).toEqual([tenant.groups.streets]);
    expect(s.totals).toMatchObject({ received: 3, resolved: 2, backlog: 2 });
  });

  it("offers a content admin's own groups as filters, and the organisation's categories and areas", async () => {
    const all = (await reporter.get("/api/staff/reports/options")).json();
    expect(all.groups).toHaveLength(Object.keys(tenant.groups).length);
    expect(all.categories.map((c: { id: string }) => c.id)).toContain(tenant.categories.potholes);
    expect(all.areas).toHaveLength(Object.keys(tenant.areas).length);
    const own = (await (await signIn(t.app, tenant, "contentadmin")).get("/api/staff/reports/options")).json();
    expect(own.groups.map((g: { id: string }) => g.id)).toEqual([tenant.groups.streets]);
  });

  it("never counts another organisation's tickets", async () => {
    const other = await newTenant(t.ctx);
    const s = await summary(await signIn(t.app, other, "reporter"), march);
    expect(s.totals).toMatchObject({ received: 0, resolved: 0, backlog: 0 });
    expect(s.rows).toEqual([]);
  });

  it("names handlers for the handler breakdown", async () => {
    const s = await summary(reporter, `${march}&by=handler`);
    expect(s.rows.map((r) => [r.key, r.name, r.received, r.resolved])).toEqual([
      [null, "Ei käsittelijää", 4, 3],
      [tenant.users.expert?.id, "Eero Asiantuntija", 1, 1],
    ]);
  });
});
