import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { ticketFollowers } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
let tenant: SeededOrganisation;
let expert: Client;
let advisor: Client;
beforeAll(async () => {
  t = await startTestApp();
  tenant = await newTenant(t.ctx);
  expert = await signIn(t.app, tenant, "expert");
  advisor = await signIn(t.app, tenant, "advisor");
});
afterAll(() => t.close());

type Event = { type: string; data: Record<string, unknown> };

/** Submits a contact and returns its id, reference and tracking token. */
async function contact(body: Record<string, unknown> = {}) {
  const receipt = await submitContact(t.app, tenant, { location: { lat: 61.45, lon: 23.85 }, ...body });
  const id = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  return { id, ...receipt };
}
const detail = async (client: Client, id: string) => (await client.get(`/api/staff/tickets/${id}`)).json();
const types = (history: Event[]) => history.map((h) => h.type);
const expectProblem = (res: { statusCode: number; headers: Record<string, unknown> }, status: number) => {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers["content-type"])).toContain("application/problem+json");
};

describe("linking related tickets", () => {
  it("links both ways with reference, state and category, once, and unlinks with events on both", async () => {
    const a = await contact();
    const b = await contact({ description: "Toinen kuoppa samalla kadulla" });
    const linked = await expert.post(`/api/staff/tickets/${a.id}/links`, { reference: b.reference.toLowerCase() });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().links).toEqual([
      { id: b.id, reference: b.reference, state: "new", category: { id: tenant.categories.potholes, name: expect.any(Object) } },
    ]);
    const fromB = await detail(expert, b.id);
    expect(fromB.links.map((l: { id: string }) => l.id)).toEqual([a.id]);
    expect(fromB.history.at(-1)).toMatchObject({ type: "ticket.linked", data: { ticketId: a.id, reference: a.reference } });

    // Linking again, from either side, changes nothing.
    await expert.post(`/api/staff/tickets/${b.id}/links`, { reference: a.reference });
    expect(types((await detail(expert, a.id)).history).filter((x) => x === "ticket.linked")).toHaveLength(1);

    const unlinked = await expert.delete(`/api/staff/tickets/${b.id}/links/${a.id}`);
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json().links).toEqual([]);
    const afterA = await detail(expert, a.id);
    expect(afterA.links).toEqual([]);
    expect(afterA.history.at(-1)).toMatchObject({ type: "ticket.unlinked", data: { ticketId: b.id } });
    expectProblem(await expert.delete(`/api/staff/tickets/${b.id}/links/${a.id}`), 404);
  });

  it("refuses itself, unknown references, tickets out of sight, and roles without the right", async () => {
    const a = await contact();
    const green = await contact({ categoryId: tenant.categories.playgrounds });
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/links`, { reference: a.reference }), 400);
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/links`, { reference: "YH-1999-999999" }), 404);
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/links`, { reference: "" }), 400);
    // The streets expert does not see the green group's ticket: it does not exist for them.
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/links`, { reference: green.reference }), 404);
    expectProblem(
      await (await signIn(t.app, tenant, "viewer")).post(`/api/staff/tickets/${a.id}/links`, { reference: green.reference }),
      403,
    );
    expectProblem(
      await (await signIn(t.app, tenant, "reporter")).post(`/api/staff/tickets/${a.id}/links`, { reference: green.reference }),
      403,
    );
    expectProblem(
      await (await signIn(t.app, tenant, "expert2")).post(`/api/staff/tickets/${a.id}/links`, { reference: green.reference }),
      404,
    );
    // Another organisation's ticket is never found.
    const other = await newTenant(t.ctx);
    const foreign = await submitContact(t.app, other);
    expectProblem(await advisor.post(`/api/staff/tickets/${a.id}/links`, { reference: foreign.reference }), 404);
    expect((await advisor.post(`/api/staff/tickets/${a.id}/links`, { reference: green.reference })).statusCode).toBe(200);
  });
});

describe("merging duplicates", () => {
  it("closes the duplicate pointing to the ticket that stays, keeps its residents informed and shows its messages", async () => {
    const keep = await contact({ wantsReply: true, contact: { email: "aapo@example.test", name: "Aapo" } });
    const dup = await contact({ description: "Sama kuoppa, vieläkin auki", wantsReply: true, contact: { email: "bea@example.test" } });
    const follow = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${dup.reference}/follow`,
      payload: { email: "cecilia@example.test" },
    });
    expect(follow.statusCode).toBe(200);
    // Aapo also followed the duplicate: he is the kept ticket's own resident and is not added again.
    await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${dup.reference}/follow`,
      payload: { email: "AAPO@example.test" },
    });
    await expert.post(`/api/staff/tickets/${dup.id}/replies`, { body: "Katsomme asiaa." });

    const merged = await expert.post(`/api/staff/tickets/${dup.id}/merge`, { reference: keep.reference });
    expect(merged.statusCode).toBe(200);
    const d = merged.json();
    expect(d.state).toBe("closed_unnecessary");
    expect(d.mergedInto).toMatchObject({ id: keep.id, reference: keep.reference });
    expect(d.history.slice(-2)).toMatchObject([
      { type: "ticket.merged", data: { intoTicketId: keep.id, intoReference: keep.reference, followersAdded: 2 } },
      { type: "ticket.state_changed", data: { from: "in_progress", to: "closed_unnecessary", reason: `merged into ${keep.reference}` } },
    ]);

    const k = await detail(expert, keep.id);
    expect(k.mergedFrom.map((m: { id: string }) => m.id)).toEqual([dup.id]);
    expect(k.followers).toBe(2);
    expect(k.history.at(-1)).toMatchObject({ type: "ticket.merged_from", data: { ticketId: dup.id, reference: dup.reference } });
    expect(k.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "resident",
          body: "Sama kuoppa, vieläkin auki",
          mergedFrom: { id: dup.id, reference: dup.reference },
        }),
        expect.objectContaining({ kind: "reply", body: "Katsomme asiaa.", mergedFrom: { id: dup.id, reference: dup.reference } }),
      ]),
    );
    const followers = await t.ctx.db.select().from(ticketFollowers).where(eq(ticketFollowers.ticketId, keep.id));
    expect(followers.map((f) => f.customerId)).toContain(
      (await t.ctx.db.query.tickets.findFirst({ where: (x, { eq }) => eq(x.id, dup.id) }))?.customerId,
    );

    // The resident of the duplicate sees it closed, and where it carries on: not the other resident's messages.
    const track = async () =>
      (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${dup.trackingToken}` })).json();
    const tracked = await track();
    expect(tracked.state).toBe("closed_unnecessary");
    expect(tracked.mergedInto).toEqual({ reference: keep.reference, state: "new", updatedAt: expect.any(String), published: false });
    expect(JSON.stringify(tracked)).not.toContain("Aapo");
    // Once the kept ticket is on the public feedback map, its page can be followed.
    const published = await advisor.put(`/api/staff/tickets/${keep.id}/publication`, { publicText: "Kuoppa kadulla." });
    expect(published.statusCode, published.body).toBe(200);
    expect((await track()).mergedInto).toMatchObject({ reference: keep.reference, published: true });
    const own = (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${keep.trackingToken}` })).json();
    expect(own.mergedInto).toBeNull();
  });

  it("never chains: earlier duplicates move to the new target; merged tickets are neither merged again nor targets", async () => {
    const a = await contact();
    const b = await contact();
    const c = await contact();
    expect((await expert.post(`/api/staff/tickets/${c.id}/merge`, { reference: b.reference })).statusCode).toBe(200);
    expect((await expert.post(`/api/staff/tickets/${b.id}/merge`, { reference: a.reference })).statusCode).toBe(200);
    expect((await detail(expert, c.id)).mergedInto.id).toBe(a.id);
    expect((await detail(expert, a.id)).mergedFrom.map((m: { id: string }) => m.id).sort()).toEqual([b.id, c.id].sort());
    // A merged ticket cannot be merged again, nor be a target (which would make a chain or a cycle).
    expectProblem(await expert.post(`/api/staff/tickets/${b.id}/merge`, { reference: a.reference }), 409);
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/merge`, { reference: b.reference }), 409);
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/merge`, { reference: a.reference }), 400);
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/merge`, {}), 400);
  });

  it("needs the right on both tickets", async () => {
    const a = await contact();
    const green = await contact({ categoryId: tenant.categories.playgrounds });
    expectProblem(await expert.post(`/api/staff/tickets/${a.id}/merge`, { reference: green.reference }), 404);
    expectProblem(
      await (await signIn(t.app, tenant, "expert2")).post(`/api/staff/tickets/${a.id}/merge`, { reference: green.reference }),
      404,
    );
    expectProblem(
      await (await signIn(t.app, tenant, "viewer")).post(`/api/staff/tickets/${a.id}/merge`, { reference: green.reference }),
      403,
    );
    const partner = await signIn(t.app, tenant, "partner");
    await advisor.post(`/api/staff/tickets/${a.id}/forward`, { handlerId: tenant.users.partner?.id });
    expectProblem(await partner.post(`/api/staff/tickets/${a.id}/merge`, { reference: green.reference }), 403);
    expect((await detail(advisor, green.id)).state).toBe("new");
  });
});

describe("splitting a multi-topic contact", () => {
  it("creates linked tickets routed on their own, with the resident's contact details", async () => {
    const source = await contact({
      description: "Kuoppa kadulla ja kaatunut puu puistossa",
      wantsReply: true,
      contact: { email: "dora@example.test", name: "Dora" },
      location: { lat: 61.45, lon: 23.85 },
      publishConsent: false,
    });
    const res = await advisor.post(`/api/staff/tickets/${source.id}/split`, {
      parts: [
        { description: "Kaatunut puu puistossa", categoryId: tenant.categories.trees },
        { description: "Roskia puistossa", categoryId: tenant.categories.trees, groupId: tenant.groups.waste },
      ],
    });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.links).toHaveLength(2);
    const split = s.history.at(-1);
    expect(split).toMatchObject({ type: "ticket.split" });
    const made = split.data.tickets as { id: string; reference: string }[];
    expect(made.map((m) => m.reference)).toEqual(s.links.map((l: { reference: string }) => l.reference));

    const tree = await detail(advisor, made[0]?.id as string);
    expect(tree.group.id).toBe(tenant.groups.green);
    expect(tree.description).toBe("Kaatunut puu puistossa");
    expect(tree.customer).toMatchObject({ email: "dora@example.test", name: "Dora", wantsReply: true });
    expect(tree.location).toEqual({ lat: 61.45, lon: 23.85 });
    // The resident's "no" to publishing goes with each part.
    expect(tree.publishConsent).toBe(false);
    expect(tree.links.map((l: { id: string }) => l.id)).toEqual([source.id]);
    expect(types(tree.history)).toEqual(["ticket.created", "ticket.split_from"]);
    expect(tree.history[0]).toMatchObject({ actorKind: "user", actor: "Sanna Neuvoja" });

    const litter = await detail(advisor, made[1]?.id as string);
    expect(litter.group.id).toBe(tenant.groups.waste);
    expect(types(litter.history)).toEqual(["ticket.created", "ticket.forwarded", "ticket.split_from"]);
    // Each new ticket is in its own group's queue.
    const waste = (await advisor.get(`/api/staff/tickets?queue=${tenant.groups.waste}`)).json();
    expect(waste.items.map((i: { id: string }) => i.id)).toContain(litter.id);
  });

  it("refuses bad parts as a whole, pointing at the part", async () => {
    const source = await contact();
    const bad = await advisor.post(`/api/staff/tickets/${source.id}/split`, {
      parts: [
        { description: "Hyvä osa", categoryId: tenant.categories.trees },
        { description: "Huono osa", categoryId: tenant.groups.waste },
      ],
    });
    expectProblem(bad, 400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: "parts.1.categoryId" })]);
    expect((await detail(advisor, source.id)).links).toEqual([]);
    expectProblem(await advisor.post(`/api/staff/tickets/${source.id}/split`, { parts: [] }), 400);
    expectProblem(
      await (await signIn(t.app, tenant, "reporter")).post(`/api/staff/tickets/${source.id}/split`, {
        parts: [{ description: "x", categoryId: tenant.categories.trees }],
      }),
      403,
    );
  });
});

describe("bulk actions", () => {
  it("changes each ticket through the same path and reports what was refused and why", async () => {
    const a = await contact();
    const b = await contact();
    const green = await contact({ categoryId: tenant.categories.playgrounds });
    await expert.post(`/api/staff/tickets/${b.id}/state`, { state: "resolved" });

    const res = await expert.post("/api/staff/tickets/bulk", {
      ticketIds: [a.id, b.id, green.id],
      change: { action: "state", state: "waiting_for_customer" },
    });
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result.changed).toEqual([{ id: a.id, reference: a.reference }]);
    expect(result.refused).toEqual([
      { id: b.id, reference: b.reference, code: "invalid_transition", detail: expect.any(String) },
      // Out of the expert's sight: no reference revealed.
      { id: green.id, reference: null, code: "not_found", detail: expect.any(String) },
    ]);
    expect((await detail(expert, a.id)).history.at(-1)).toMatchObject({
      type: "ticket.state_changed",
      data: { from: "new", to: "waiting_for_customer" },
    });

    const priority = (
      await advisor.post("/api/staff/tickets/bulk", { ticketIds: [a.id, green.id], change: { action: "priority", priority: "high" } })
    ).json();
    expect(priority.changed).toHaveLength(2);
    expect((await detail(advisor, green.id)).priority).toBe("high");

    const assign = (
      await advisor.post("/api/staff/tickets/bulk", {
        ticketIds: [a.id, green.id],
        change: { action: "assign", handlerId: tenant.users.expert2?.id },
      })
    ).json();
    expect(assign.changed).toHaveLength(2);
    const assigned = await detail(advisor, a.id);
    expect(assigned.handler.id).toBe(tenant.users.expert2?.id);
    expect(assigned.history.at(-1)).toMatchObject({ type: "ticket.forwarded", actor: "Sanna Neuvoja" });
  });

  it("answers bad input and read-only roles with problem+json or per-ticket refusals", async () => {
    const a = await contact();
    expectProblem(await expert.post("/api/staff/tickets/bulk", { ticketIds: [], change: { action: "priority", priority: "high" } }), 400);
    expectProblem(await expert.post("/api/staff/tickets/bulk", { ticketIds: [a.id], change: { action: "explode" } }), 400);
    expectProblem(await expert.post("/api/staff/tickets/bulk", { ticketIds: [a.id], change: { action: "assign" } }), 400);
    expectProblem(
      await expert.post("/api/staff/tickets/bulk", { ticketIds: ["nope"], change: { action: "priority", priority: "high" } }),
      400,
    );
    const viewer = await signIn(t.app, tenant, "viewer");
    const refused = (
      await viewer.post("/api/staff/tickets/bulk", { ticketIds: [a.id], change: { action: "priority", priority: "urgent" } })
    ).json();
    expect(refused).toEqual({
      changed: [],
      refused: [{ id: a.id, reference: expect.any(String), code: "forbidden", detail: expect.any(String) }],
    });
    const unknownGroup = (
      await expert.post("/api/staff/tickets/bulk", { ticketIds: [a.id], change: { action: "assign", groupId: a.id } })
    ).json();
    expect(unknownGroup.refused[0].code).toBe("validation_failed");
    expect((await detail(expert, a.id)).priority).toBe("normal");
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/staff/tickets/bulk",
      payload: { ticketIds: [a.id], change: { action: "priority", priority: "high" } },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
