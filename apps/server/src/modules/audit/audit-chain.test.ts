import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { queryRows } from "../../db/client.ts";
import { AUDIT_LANES } from "../../db/schema/audit.ts";
import type { StaffActor } from "../auth/actor.ts";
import { appendAudit } from "./audit.ts";
import { verifyChain } from "./audit-chain.ts";

let t: TestApp;

const advisorOf = (tenant: Awaited<ReturnType<typeof newTenant>>): StaffActor => ({
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
});
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

type Entry = { lane: number; seq: string; action: string; ip: string | null; user_agent: string | null; ticket_event_id: string | null };
const entries = (orgId: string) =>
  queryRows<Entry>(
    t.ctx.db,
    sql`SELECT lane, seq::text, action, ip, user_agent, ticket_event_id::text FROM audit_entries a
      WHERE organisation_id = ${orgId} ORDER BY a.lane, a.seq`,
  );

const headHash = async (orgId: string, lane: number) =>
  (
    await queryRows<{ last_hash: string }>(
      t.ctx.db,
      sql`SELECT last_hash FROM audit_chain_heads WHERE organisation_id = ${orgId} AND lane = ${lane}`,
    )
  )[0]?.last_hash;

/** Every lane's entries are numbered 1, 2, 3 … without gaps; returns how many lanes hold entries. */
function expectGaplessLanes(rows: Entry[]): number {
  const lanes = [...new Set(rows.map((r) => r.lane))];
  for (const lane of lanes) {
    const seqs = rows.filter((r) => r.lane === lane).map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  }
  return lanes.length;
}

describe("audit hash chain", () => {
  it("chains reads and changes of tickets, with who and from where, and verifies", async () => {
    const { org } = await auditedTenant();
    const rows = await entries(org.id);
    // One request after another: nothing else holds a lane, so each takes the first one.
    expect(rows.map((r) => [r.lane, r.seq, r.action])).toEqual([
      [0, "1", "ticket.created"],
      [0, "2", "ticket.read_with_customer"],
      [0, "3", "ticket.state_changed"],
      [0, "4", "ticket.read_with_customer"],
    ]);
    expect(rows[0]?.ticket_event_id).not.toBeNull();
    // The read and the change carry the client's address and browser.
    expect(rows[1]).toMatchObject({ ip: "127.0.0.1", user_agent: "AuditTest/1.0" });
    expect(rows[2]).toMatchObject({ ip: "127.0.0.1", user_agent: "AuditTest/1.0" });
    const report = await verifyChain(t.ctx.db, org);
    expect(report).toMatchObject({ entries: 4, broken: null });
    expect(report.lanes).toHaveLength(AUDIT_LANES);
    expect(report.lanes[0]).toMatchObject({ lane: 0, entries: 4, headSeq: 4 });
    expect(report.lanes[0]?.headHash).toBe(await headHash(org.id, 0));
    expect(report.seal).toMatch(/^[0-9a-f]{64}$/);
  });

  it("detects an edited entry, an edited ticket event, a deleted entry and a cut-off end", async () => {
    const edited = await auditedTenant();
    await t.ctx.db.execute(sql`UPDATE audit_entries SET ip = '10.0.0.1' WHERE organisation_id = ${edited.tenant.id} AND seq = 2`);
    expect((await verifyChain(t.ctx.db, edited.org)).broken).toMatchObject({
      lane: 0,
      seq: 2,
      reason: "its content does not match its hash",
    });

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

    // An entry moved to another lane breaks both lanes; one in a lane that does not exist is found too.
    const moved = await auditedTenant();
    await t.ctx.db.execute(sql`UPDATE audit_entries SET lane = 1, seq = 1 WHERE organisation_id = ${moved.tenant.id} AND seq = 4`);
    expect((await verifyChain(t.ctx.db, moved.org)).broken).toMatchObject({ lane: 0, reason: "the chain ends at 3 but its head is at 4" });
    const stray = await auditedTenant();
    await t.ctx.db.execute(sql`UPDATE audit_entries SET lane = 99 WHERE organisation_id = ${stray.tenant.id} AND seq = 4`);
    await t.ctx.db.execute(sql`UPDATE audit_chain_heads SET last_seq = 3, last_hash = (
      SELECT hash FROM audit_entries WHERE organisation_id = ${stray.tenant.id} AND lane = 0 AND seq = 3)
      WHERE organisation_id = ${stray.tenant.id} AND lane = 0`);
    expect((await verifyChain(t.ctx.db, stray.org)).broken).toMatchObject({ lane: 99, seq: null, reason: "lane 99 does not exist" });
    // A lane's head deleted with all its entries still leaves their ticket events outside the log.
    const dropped = await auditedTenant();
    await t.ctx.db.execute(sql`DELETE FROM audit_entries WHERE organisation_id = ${dropped.tenant.id}`);
    await t.ctx.db.execute(sql`DELETE FROM audit_chain_heads WHERE organisation_id = ${dropped.tenant.id}`);
    expect((await verifyChain(t.ctx.db, dropped.org)).broken).toMatchObject({
      lane: null,
      reason: expect.stringMatching(/ticket event \d+ is not in the log/),
    });
  });

  it("keeps every lane unforked under concurrent appends, at a small cost per append", async () => {
    const { tenant, org } = await auditedTenant();
    const actor = advisorOf(tenant);
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
    expect(rows).toHaveLength(total);
    const lanesUsed = expectGaplessLanes(rows);
    // PGlite runs one transaction at a time, so everything is in the first lane; PostgreSQL spreads overlapping ones.
    if (t.ctx.database.engine === "pglite") expect(lanesUsed).toBe(1);
    else expect(lanesUsed).toBeGreaterThan(1);
    expect(await verifyChain(t.ctx.db, org)).toMatchObject({ entries: total, broken: null });
  });

  it("keeps a transaction in its lane, and lets another writer append meanwhile without waiting for it", async () => {
    const { tenant, org } = await auditedTenant();
    const actor = advisorOf(tenant);
    const read = { action: "ticket.read", subjectType: "ticket", subjectId: null } as const;
    await t.ctx.db.transaction(async (tx) => {
      await appendAudit(tx, actor, read);
      await appendAudit(tx, actor, read);
      // On PostgreSQL this is another connection: were it to wait for the open transaction's lane, it would never finish.
      if (t.ctx.database.engine === "postgres") await appendAudit(t.ctx.db, actor, read);
      await appendAudit(tx, actor, read);
    });
    const rows = await entries(tenant.id);
    const inTransaction = rows.filter((r) => r.lane === 0 && Number(r.seq) > 4);
    expect(inTransaction.map((r) => r.seq)).toEqual(["5", "6", "7"]);
    if (t.ctx.database.engine === "postgres") expect(rows.filter((r) => r.lane === 1).map((r) => r.seq)).toEqual(["1"]);
    expectGaplessLanes(rows);
    expect(await verifyChain(t.ctx.db, org)).toMatchObject({ broken: null });
  });
});
