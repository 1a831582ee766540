import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { queryRows } from "../../db/client.ts";
import type { StaffActor } from "../auth/actor.ts";
import { appendAudit } from "./audit.ts";
import { verifyChain } from "./audit-chain.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A tenant with one ticket that an expert has read and changed (entries: created, read, state, read). */
async function auditedTenant() {
  const tenant = await newTenant(t.ctx);
  const receipt = await submitContact(t.app, tenant, { wantsReply: true, contact: { email: "asukas@example.test" } });
  const expert = await signIn(t.app, tenant, "expert");
  const id = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  const headers = { "user-agent": "AuditTest/1.0", "x-forwarded-for": "203.0.113.9" };
  await expert.request({ method: "GET", url: `/api/staff/tickets/${id}`, headers });
  await expert.request({ method: "POST", url: `/api/staff/tickets/${id}/state`, payload: { state: "in_progress" }, headers });
  return { tenant, id, org: { id: tenant.id, slug: tenant.slug } };
}

type Entry = { seq: string; action: string; ip: string | null; user_agent: string | null; ticket_event_id: string | null };
const entries = (orgId: string) =>
  queryRows<Entry>(
    t.ctx.db,
    sql`SELECT seq::text, action, ip, user_agent, ticket_event_id::text FROM audit_entries a WHERE organisation_id = ${orgId} ORDER BY a.seq`,
  );

describe("audit hash chain", () => {
  it("chains reads and changes of tickets, with who and from where, and verifies", async () => {
    const { org } = await auditedTenant();
    const rows = await entries(org.id);
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      ["1", "ticket.created"],
      ["2", "ticket.read_with_customer"],
      ["3", "ticket.state_changed"],
      ["4", "ticket.read_with_customer"],
    ]);
    expect(rows[0]?.ticket_event_id).not.toBeNull();
    // The read and the change carry the client's address and browser.
    expect(rows[1]).toMatchObject({ ip: "127.0.0.1", user_agent: "AuditTest/1.0" });
    expect(rows[2]).toMatchObject({ ip: "127.0.0.1", user_agent: "AuditTest/1.0" });
    const report = await verifyChain(t.ctx.db, org);
    expect(report).toMatchObject({ entries: 4, headSeq: 4, broken: null });
    expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("detects an edited entry, an edited ticket event, a deleted entry and a cut-off end", async () => {
    const edited = await auditedTenant();
    await t.ctx.db.execute(sql`UPDATE audit_entries SET ip = '10.0.0.1' WHERE organisation_id = ${edited.tenant.id} AND seq = 2`);
    expect((await verifyChain(t.ctx.db, edited.org)).broken).toMatchObject({ seq: 2, reason: "its content does not match its hash" });

    const event = await auditedTenant();
    await t.ctx.db.execute(
      sql`UPDATE ticket_events SET data = '{"to":"resolved"}' WHERE ticket_id = ${event.id} AND type = 'ticket.state_changed'`,
    );
    expect((await verifyChain(t.ctx.db, event.org)).broken).toMatchObject({
      seq: 3,
      reason: expect.stringMatching(/does not match its digest/),
    });

    const deleted = await auditedTenant();
    await t.ctx.db.execute(sql`DELETE FROM audit_entries WHERE organisation_id = ${deleted.tenant.id} AND seq = 2`);
    expect((await verifyChain(t.ctx.db, deleted.org)).broken).toMatchObject({ seq: 2, reason: "entry 2 is missing (next is 3)" });

    const cut = await auditedTenant();
    await t.ctx.db.execute(sql`DELETE FROM audit_entries WHERE organisation_id = ${cut.tenant.id} AND seq = 4`);
    expect((await verifyChain(t.ctx.db, cut.org)).broken).toMatchObject({ seq: 4, reason: "the chain ends at 3 but its head is at 4" });

    // A recomputed hash of an edited entry still breaks the link to the next one.
    const rehashed = await auditedTenant();
    await t.ctx.db.execute(
      sql`UPDATE audit_entries SET action = 'ticket.read', hash = repeat('a', 64) WHERE organisation_id = ${rehashed.tenant.id} AND seq = 2`,
    );
    expect((await verifyChain(t.ctx.db, rehashed.org)).broken?.seq).toBe(2);

    const removedEvent = await auditedTenant();
    await t.ctx.db.execute(sql`DELETE FROM ticket_events WHERE ticket_id = ${removedEvent.id} AND type = 'ticket.state_changed'`);
    expect((await verifyChain(t.ctx.db, removedEvent.org)).broken?.reason).toMatch(/ticket event \d+ is missing/);
  });

  it("keeps one unforked chain under concurrent appends, at a small cost per append", async () => {
    const { tenant, org } = await auditedTenant();
    const actor: StaffActor = {
      kind: "user",
      userId: tenant.users.advisor?.id ?? "",
      organisationId: tenant.id,
      role: "service_advisor",
      name: "Sanna Neuvoja",
      email: "advisor@example.test",
      language: "fi",
      groupIds: [],
      areaIds: [],
      sensitiveAccess: false,
      origin: { ip: "192.0.2.1", userAgent: null },
    };
    const parallel = 200;
    const started = performance.now();
    // Each append in its own transaction that stays open a little after appending, so that they overlap.
    await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        t.ctx.db.transaction(async (tx) => {
          await appendAudit(tx, actor, { action: "ticket.read", subjectType: "ticket", subjectId: null, detail: { i } });
          await tx.execute(sql`SELECT 1`);
        }),
      ),
    );
    const perAppend = (performance.now() - started) / parallel;
    // One after another, each on its own (a read's audit entry is a single statement).
    const sequential = 200;
    const startedSequential = performance.now();
    for (let i = 0; i < sequential; i++)
      await appendAudit(t.ctx.db, actor, { action: "ticket.read", subjectType: "ticket", subjectId: null });
    const perSequential = (performance.now() - startedSequential) / sequential;
    console.log(
      `audit append (${t.ctx.database.engine}): ${perAppend.toFixed(2)} ms each of ${parallel} concurrent transactions, ` +
        `${perSequential.toFixed(2)} ms each of ${sequential} sequential statements`,
    );
    const total = parallel + sequential + 4;
    const rows = await entries(tenant.id);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(await verifyChain(t.ctx.db, org)).toMatchObject({ entries: total, broken: null });
  });
});
