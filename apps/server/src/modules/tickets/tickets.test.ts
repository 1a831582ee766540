import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp } from "../../../test/harness.ts";
import { auditEntries, ticketEvents } from "../../db/schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function setup(body: Record<string, unknown> = {}) {
  const tenant = await newTenant(t.ctx);
  const receipt = await submitContact(t.app, tenant, body);
  const expert = await signIn(t.app, tenant, "expert");
  const id = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  return { tenant, receipt, expert, id };
}

describe("ticket lifecycle", () => {
  it("moves through the states a handler expects, stamping response and resolution times", async () => {
    const { expert, id } = await setup();
    const taken = (await expert.post(`/api/staff/tickets/${id}/state`, { state: "in_progress" })).json();
    expect(taken.state).toBe("in_progress");
    expect(taken.firstResponseAt).toBeNull();

    const replied = (
      await expert.post(`/api/staff/tickets/${id}/replies`, { body: "Tarvitsemme lisätietoja.", state: "waiting_for_customer" })
    ).json();
    expect(replied.state).toBe("waiting_for_customer");
    expect(replied.firstResponseAt).not.toBeNull();
    expect(replied.allowedStates).toEqual(["in_progress", "resolved", "closed_unnecessary"]);

    const resolved = (await expert.post(`/api/staff/tickets/${id}/state`, { state: "resolved" })).json();
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.allowedStates).toEqual(["in_progress"]);

    const wrong = await expert.post(`/api/staff/tickets/${id}/state`, { state: "waiting_for_customer" });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe("invalid_transition");

    const reopened = (await expert.post(`/api/staff/tickets/${id}/state`, { state: "in_progress", reason: "Asukas otti yhteyttä" })).json();
    expect(reopened.state).toBe("in_progress");
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.firstResponseAt).toBe(replied.firstResponseAt);

    const types = reopened.history.map((h: { type: string }) => h.type);
    expect(types).toEqual([
      "ticket.created",
      "ticket.state_changed",
      "ticket.replied",
      "ticket.state_changed",
      "ticket.state_changed",
      "ticket.state_changed",
    ]);
    expect(reopened.history[0].actorKind).toBe("resident");
    expect(reopened.history[1]).toMatchObject({ actorKind: "user", actor: "Eero Asiantuntija", data: { from: "new", to: "in_progress" } });
    expect(reopened.history.at(-1).data).toMatchObject({ from: "resolved", to: "in_progress", reason: "Asukas otti yhteyttä" });
  });

  it("a first reply takes a new ticket into handling; the resident reads it but never internal notes", async () => {
    const { tenant, receipt, expert, id } = await setup();
    await expert.post(`/api/staff/tickets/${id}/notes`, { body: "Sisäinen: soita urakoitsijalle" });
    const replied = (await expert.post(`/api/staff/tickets/${id}/replies`, { body: "Korjaamme kuopan tällä viikolla." })).json();
    expect(replied.state).toBe("in_progress");
    expect(replied.messages.map((m: { kind: string }) => m.kind)).toEqual(["note", "reply"]);

    const tracked = (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` })).json();
    expect(tracked.state).toBe("in_progress");
    expect(tracked.messages).toEqual([expect.objectContaining({ from: "city", body: "Korjaamme kuopan tällä viikolla." })]);
    expect(JSON.stringify(tracked)).not.toContain("Sisäinen");
    expect(JSON.stringify(tracked)).not.toContain("Eero");
  });

  it("forwarding to a group returns the ticket to that queue; forwarding to a person assigns it", async () => {
    const { tenant, id } = await setup();
    const advisor = await signIn(t.app, tenant, "advisor");
    const toPerson = (
      await advisor.post(`/api/staff/tickets/${id}/forward`, { handlerId: tenant.users.expert?.id, note: "Sinulle" })
    ).json();
    expect(toPerson.group.id).toBe(tenant.groups.streets);
    expect(toPerson.handler.name).toBe("Eero Asiantuntija");
    expect(toPerson.messages[0]).toMatchObject({ kind: "note", body: "Sinulle" });

    const toGroup = (await advisor.post(`/api/staff/tickets/${id}/forward`, { groupId: tenant.groups.green })).json();
    expect(toGroup.group.id).toBe(tenant.groups.green);
    expect(toGroup.handler).toBeNull();
    const expert2 = await signIn(t.app, tenant, "expert2");
    const queue = (await expert2.get(`/api/staff/tickets?queue=${tenant.groups.green}`)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);

    const bad = await advisor.post(`/api/staff/tickets/${id}/forward`, { handlerId: tenant.users.viewer?.id });
    expect(bad.statusCode).toBe(400);
    expect((await advisor.post(`/api/staff/tickets/${id}/forward`, {})).statusCode).toBe(400);
  });

  it("edits, reclassifies and re-places a ticket, logging field names but not their contents", async () => {
    const { tenant, expert, id } = await setup();
    const edited = (
      await expert.patch(`/api/staff/tickets/${id}`, {
        priority: "urgent",
        description: "Korjattu kuvaus",
        location: { lat: 61.45, lon: 23.85 },
      })
    ).json();
    expect(edited).toMatchObject({ priority: "urgent", description: "Korjattu kuvaus", location: { lat: 61.45, lon: 23.85 } });
    const edit = edited.history.find((h: { type: string }) => h.type === "ticket.edited");
    expect(edit.data.fields.sort()).toEqual(["areaId", "description", "lat", "lon", "priority"]);
    expect(JSON.stringify(edited.history)).not.toContain("Korjattu kuvaus");
    const viewer = await signIn(t.app, tenant, "viewer"); // Hervanta
    expect((await viewer.get(`/api/staff/tickets/${id}`)).statusCode).toBe(200);

    const moved = (
      await expert.post(`/api/staff/tickets/${id}/reclassify`, { categoryId: tenant.categories.trees, type: "service_request" })
    ).json();
    expect(moved.category.id).toBe(tenant.categories.trees);
    expect(moved.type).toBe("service_request");
    expect((await expert.patch(`/api/staff/tickets/${id}`, {})).statusCode).toBe(400);
  });

  it("writes every change and its event in one transaction and audits every read", async () => {
    const { tenant, expert, id } = await setup({ wantsReply: true, contact: { email: "asukas@example.test" } });
    await expert.get(`/api/staff/tickets/${id}`);
    const audits = await t.ctx.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.organisationId, tenant.id), eq(auditEntries.subjectId, id), isNull(auditEntries.ticketEventId)));
    expect(audits.map((a) => a.action)).toEqual(["ticket.read_with_customer"]);
    expect(audits[0]?.actorUserId).toBe(tenant.users.expert?.id);

    // A failing change (invalid transition after the reply was written) leaves neither message nor event behind.
    await expert.post(`/api/staff/tickets/${id}/state`, { state: "resolved" });
    const before = await t.ctx.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
    const refused = await expert.post(`/api/staff/tickets/${id}/replies`, { body: "Ei pitäisi jäädä", state: "waiting_for_customer" });
    expect(refused.statusCode).toBe(409);
    const after = await t.ctx.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id));
    expect(after.length).toBe(before.length);
    const detail = (await expert.get(`/api/staff/tickets/${id}`)).json();
    expect(detail.messages.map((m: { body: string }) => m.body)).not.toContain("Ei pitäisi jäädä");
  });
});

describe("queue lists", () => {
  it("filters, sorts, pages and counts by state", async () => {
    const tenant = await newTenant(t.ctx);
    for (let i = 0; i < 5; i++) await submitContact(t.app, tenant, { description: `Kuoppa numero ${i}` });
    await submitContact(t.app, tenant, { categoryId: tenant.categories.playgrounds, description: "Keinu rikki" });
    const advisor = await signIn(t.app, tenant, "advisor");
    const all = (await advisor.get("/api/staff/tickets?limit=2&sort=createdAt&order=asc")).json();
    expect(all.total).toBe(6);
    expect(all.items.map((i: { summary: string }) => i.summary)).toEqual(["Kuoppa numero 0", "Kuoppa numero 1"]);
    const page2 = (await advisor.get("/api/staff/tickets?limit=2&offset=2&sort=createdAt&order=asc")).json();
    expect(page2.items[0].summary).toBe("Kuoppa numero 2");

    const first = all.items[0].id;
    await advisor.post(`/api/staff/tickets/${first}/state`, { state: "resolved" });
    const open = (await advisor.get(`/api/staff/tickets?queue=${tenant.groups.streets}&state=new,in_progress`)).json();
    expect(open.total).toBe(4);
    expect(open.countsByState).toMatchObject({ new: 4, resolved: 1, in_progress: 0 });

    await advisor.patch(`/api/staff/tickets/${page2.items[1].id}`, { priority: "urgent" });
    const byPriority = (await advisor.get("/api/staff/tickets?sort=priority&order=desc&limit=1")).json();
    expect(byPriority.items[0]).toMatchObject({ id: page2.items[1].id, priority: "urgent" });

    const bad = await advisor.get("/api/staff/tickets?limit=1000&state=bogus");
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["querystring.limit", "querystring.state.0"]);
  });

  it("counts exactly up to countLimit and reports 'at least countLimit' beyond it, paging on", async () => {
    const tenant = await newTenant(t.ctx);
    await submitContact(t.app, tenant, { description: "Kuoppa joka jää auki" });
    const template = await submitContact(t.app, tenant, { description: "Kuoppa joka korjataan" });
    // 1 005 resolved copies of one ticket in one statement (the public API would take minutes).
    await t.ctx.db.execute(sql`
      INSERT INTO tickets (organisation_id, reference, type, category_id, description, channel, language, state, priority,
                           group_id, tracking_token_hash, created_at, updated_at, resolved_at)
      SELECT organisation_id, reference || '-' || g, type, category_id, description || ' ' || g, channel, language, 'resolved',
             priority, group_id, tracking_token_hash || '-' || g, created_at - g * interval '1 minute', now(), now()
        FROM tickets, generate_series(1, 1005) g
       WHERE reference = ${template.reference}`);
    const advisor = await signIn(t.app, tenant, "advisor");

    const open = (await advisor.get(`/api/staff/tickets?queue=${tenant.groups.streets}&state=new,in_progress`)).json();
    expect(open).toMatchObject({ total: 2, countLimit: 1_000 });
    expect(open.countsByState).toEqual({ new: 2, in_progress: 0, waiting_for_customer: 0, resolved: 1_000, closed_unnecessary: 0 });

    const all = (await advisor.get("/api/staff/tickets?limit=100&offset=1000&sort=createdAt&order=desc")).json();
    expect(all.total).toBe(1_000);
    expect(all.items).toHaveLength(7);
    expect(all.items.at(-1).summary).toBe("Kuoppa joka korjataan 1005");

    const resolved = (await advisor.get(`/api/staff/tickets?state=resolved&q=${encodeURIComponent("korjataan 999")}`)).json();
    expect(resolved).toMatchObject({ total: 1, countsByState: { resolved: 1, new: 0 } });

    // A search matching the limit or more (1 006 tickets) is not counted by state; with a state
    // filter its total is still counted exactly below the limit.
    const broad = (await advisor.get("/api/staff/tickets?q=korjataan")).json();
    expect(broad).toMatchObject({ total: 1_000, countsByState: null });
    const broadNew = (await advisor.get("/api/staff/tickets?q=korjataan&state=new")).json();
    expect(broadNew).toMatchObject({ total: 1, countsByState: null });
    expect(broadNew.items.map((i: { reference: string }) => i.reference)).toEqual([template.reference]);
  });

  it("finds tickets by stemmed words in Finnish, Swedish and English, and by reference", async () => {
    const tenant = await newTenant(t.ctx);
    const fi = await submitContact(t.app, tenant, { description: "Katuvalot eivät toimi Hervannassa", language: "fi" });
    const sv = await submitContact(t.app, tenant, { description: "Gatlamporna lyser inte vid skolan", language: "sv" });
    const en = await submitContact(t.app, tenant, { description: "The street lights are broken near the bridges", language: "en" });
    const advisor = await signIn(t.app, tenant, "advisor");
    const search = async (q: string) =>
      (await advisor.get(`/api/staff/tickets?sort=relevance&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((i: { reference: string }) => i.reference);
    expect(await search("katuvalo")).toEqual([fi.reference]);
    expect(await search("gatlampa")).toEqual([sv.reference]);
    expect(await search("bridge")).toEqual([en.reference]);
    expect(await search(en.reference)).toEqual([en.reference]);
    expect(await search("lumikola")).toEqual([]);
  });

  it("shows the passages around a search's matches with the matched words marked, in the ticket's language", async () => {
    const tenant = await newTenant(t.ctx);
    const long = `${"Kävelin aamulla tavallista reittiä töihin ja huomasin monta asiaa. ".repeat(4)}Katuvalot eivät toimi Hervannassa koulun kohdalla. ${"Toivottavasti asia korjataan pian, kiitos etukäteen. ".repeat(4)}`;
    await submitContact(t.app, tenant, { description: long, language: "fi" });
    await submitContact(t.app, tenant, { description: "The street lights are broken near the bridges", language: "en" });
    const advisor = await signIn(t.app, tenant, "advisor");
    const found = async (q: string, sort = "relevance") => {
      const [item] = (await advisor.get(`/api/staff/tickets?sort=${sort}&q=${encodeURIComponent(q)}`)).json().items;
      return { item, marked: item.summaryMatches?.map(([a, b]: [number, number]) => item.summary.slice(a, b)) };
    };

    // Finnish stemming: "katuvalo" finds and marks "Katuvalot"; the passage is from the middle, so it is cut on both sides.
    const fi = await found("katuvalo");
    expect(fi.marked).toEqual(["Katuvalot"]);
    expect(fi.item.summary).toMatch(/^… .*Katuvalot eivät toimi.* …$/);
    expect(fi.item.summary.length).toBeLessThan(long.length / 2);
    // English stemming, and the same in date order (not only by relevance); a short text is shown whole.
    const en = await found("bridge", "createdAt");
    expect(en.marked).toEqual(["bridges"]);
    expect(en.item.summary).toBe("The street lights are broken near the bridges");
    // A reference search matches no word of the text: the plain summary, nothing marked.
    const list = (await advisor.get("/api/staff/tickets")).json().items;
    const byReference = await found(list[0].reference);
    expect(byReference.item.summaryMatches).toBeUndefined();
    expect(list[0].summaryMatches).toBeUndefined();
  });

  it("ranks the newest 2 000 matches by relevance and lists older matches after them, newest first", async () => {
    const tenant = await newTenant(t.ctx);
    const old = await submitContact(t.app, tenant, { description: "Katuvalo pimeänä, katuvalo vilkkuu, katuvalo rikki" });
    const weak = await submitContact(t.app, tenant, { description: "Katuvalo pimeänä" });
    // 2 000 older copies of the weak match (a day ago, -1 the oldest); the strong old match is older still.
    await t.ctx.db.execute(sql`
      INSERT INTO tickets (organisation_id, reference, type, category_id, description, channel, language, state, priority,
                           group_id, tracking_token_hash, created_at, updated_at)
      SELECT organisation_id, reference || '-' || g, type, category_id, description || ' ' || g, channel, language, state,
             priority, group_id, tracking_token_hash || '-' || g, created_at - interval '1 day' + g * interval '1 second', now()
        FROM tickets, generate_series(1, 2000) g
       WHERE reference = ${weak.reference}`);
    await t.ctx.db.execute(sql`UPDATE tickets SET created_at = now() - interval '2 days' WHERE reference = ${old.reference}`);
    const strong = await submitContact(t.app, tenant, { description: "Katuvalo ja toinen katuvalo pimeänä" });
    const advisor = await signIn(t.app, tenant, "advisor");
    const page = async (offset: number) =>
      (await advisor.get(`/api/staff/tickets?sort=relevance&q=katuvalo&limit=2&offset=${offset}`)).json();

    const first = await page(0);
    // 2 003 matches: more than countLimit, so "at least 1 000".
    expect(first).toMatchObject({ total: 1_000, countLimit: 1_000 });
    expect(first.items[0].reference).toBe(strong.reference);
    expect(first.items[1].reference).toBe(weak.reference);
    const refs = (list: { items: { reference: string }[] }) => list.items.map((i) => i.reference);
    // Newest 2 000: the strong, the weak and 1 998 copies. After them, newest first: copies 2 and 1, then the old match.
    expect(refs(await page(2000))).toEqual([`${weak.reference}-2`, `${weak.reference}-1`]);
    expect(refs(await page(2002))).toEqual([old.reference]);
  });

  it("ranks matches of every age together when there are fewer than 2 000 (a rare word: all older matches read at once)", async () => {
    const tenant = await newTenant(t.ctx);
    const weak = await submitContact(t.app, tenant, { description: "Katuvalo pimeänä" });
    const middle = await submitContact(t.app, tenant, { description: "Katuvalo pimeänä, katuvalo vilkkuu" });
    const strong = await submitContact(t.app, tenant, { description: "Katuvalo pimeänä, katuvalo vilkkuu, katuvalo rikki" });
    const older = await submitContact(t.app, tenant, { description: "Katuvalo" });
    const ago = async (reference: string, days: number) =>
      t.ctx.db.execute(sql`UPDATE tickets SET created_at = now() - ${days} * interval '1 day' WHERE reference = ${reference}`);
    // In the third window (10 weeks), in the last (four years) and in the fourth (a year); the weak one is new.
    await ago(middle.reference, 70);
    await ago(strong.reference, 4 * 365);
    await ago(older.reference, 365);
    const advisor = await signIn(t.app, tenant, "advisor");
    const list = async (sort: string) =>
      (await advisor.get(`/api/staff/tickets?sort=${sort}&q=katuvalo`)).json().items.map((i: { reference: string }) => i.reference);
    expect(await list("relevance")).toEqual([strong.reference, middle.reference, weak.reference, older.reference]);
    expect(await list("createdAt")).toEqual([weak.reference, middle.reference, older.reference, strong.reference]);
  });

  it("gathers the newest 2 000 matches over weeks of different ages and ranks them together", async () => {
    const tenant = await newTenant(t.ctx);
    const weak = await submitContact(t.app, tenant, { description: "Katuvalo pimeänä" });
    // 600 copies in the last days, 500 four weeks ago, 1 000 a year ago (seconds apart, -1 the oldest of each).
    const copies = (n: number, suffix: string, daysAgo: number) =>
      t.ctx.db.execute(sql`
        INSERT INTO tickets (organisation_id, reference, type, category_id, description, channel, language, state, priority,
                             group_id, tracking_token_hash, created_at, updated_at)
        SELECT organisation_id, reference || ${suffix} || g, type, category_id, description, channel, language, state,
               priority, group_id, tracking_token_hash || ${suffix} || g, now() - ${daysAgo} * interval '1 day' + g * interval '1 second', now()
          FROM tickets, generate_series(1, ${n}::int) g
         WHERE reference = ${weak.reference}`);
    await copies(600, "-a", 2);
    await copies(500, "-b", 28);
    await copies(1000, "-c", 365);
    const strong = await submitContact(t.app, tenant, { description: "Katuvalo ja toinen katuvalo pimeänä" });
    await t.ctx.db.execute(sql`UPDATE tickets SET created_at = now() - interval '20 weeks' WHERE reference = ${strong.reference}`);
    const advisor = await signIn(t.app, tenant, "advisor");
    const page = async (offset: number) =>
      (await advisor.get(`/api/staff/tickets?sort=relevance&q=katuvalo&limit=2&offset=${offset}`))
        .json()
        .items.map((i: { reference: string }) => i.reference);
    // The strong match (20 weeks old) outranks the newer weak ones. The newest 2 000: the weak one, 600 + 500
    // copies, the strong one and the year-old copies 1 000…103; after them, older copies by date.
    expect(await page(0)).toEqual([strong.reference, weak.reference]);
    expect(await page(1998)).toEqual([`${weak.reference}-c104`, `${weak.reference}-c103`]);
    expect(await page(2000)).toEqual([`${weak.reference}-c102`, `${weak.reference}-c101`]);
  });
});
