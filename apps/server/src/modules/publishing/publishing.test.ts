import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Client,
  cleanPhotos,
  newTenant,
  signIn,
  startTestApp,
  submitContact,
  type TestApp,
  uploadAttachment,
} from "../../../test/harness.ts";
import { organisations, publications, tickets } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: "https://palaute.example.test" });
});
afterAll(() => t.close());

const hervanta = { lat: 61.45123456, lon: 23.85123456 };
const personal = { name: "Maija Meikäläinen", email: "maija.meikalainen@example.test", phone: "+358 40 765 4321" };
const description = [
  "Katuvalo Kotikatu 5:n edessä on pimeänä.",
  "Soittakaa 040 765 4321 tai maija.meikalainen@example.test.",
  "Ystävällisin terveisin",
  "Maija Meikäläinen",
].join("\n");

const photo = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#36c" } })
    .jpeg()
    .toBuffer();

async function setUp() {
  const tenant = await newTenant(t.ctx);
  const receipt = await submitContact(t.app, tenant, {
    description,
    location: hervanta,
    address: "Kotikatu 5",
    wantsReply: true,
    contact: personal,
  });
  const up1 = await uploadAttachment(t.app, tenant, receipt.trackingToken, "maija-meikalainen-kuva.jpg", await photo());
  const up2 = await uploadAttachment(t.app, tenant, receipt.trackingToken, "toinen.jpg", await photo());
  expect([up1.statusCode, up2.statusCode]).toEqual([201, 201]);
  await cleanPhotos(t.ctx);
  const advisor = await signIn(t.app, tenant, "advisor");
  const id = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  await advisor.post(`/api/staff/tickets/${id}/replies`, {
    body: "Hei Maija Meikäläinen, korjaamme valon tällä viikolla. t. Sanna Neuvoja",
  });
  return { tenant, receipt, advisor, id, photos: [up1.json().id as string, up2.json().id as string] };
}

const publicGet = (url: string) => t.app.inject({ method: "GET", url });

async function publish(client: Client, id: string, body: Record<string, unknown>) {
  return client.put(`/api/staff/tickets/${id}/publication`, body);
}

function assertNoPersonalData(body: string) {
  for (const secret of ["Maija", "Meikäläinen", "maija.meikalainen", "765 4321", "Sanna", "trackingToken", "maija-meikalainen"])
    expect(body).not.toContain(secret);
}

describe("the publish draft", () => {
  it("marks personal data in the description and the latest reply, and lists clean photos", async () => {
    const { advisor, id, photos } = await setUp();
    const res = await advisor.get(`/api/staff/tickets/${id}/publication`);
    expect(res.statusCode).toBe(200);
    const draft = res.json();
    expect(draft.publication).toBeNull();
    expect(draft.text.original).toBe(description);
    expect(draft.text.removals.map((r: { kind: string; original: string }) => [r.kind, r.original])).toEqual([
      ["phone", "040 765 4321"],
      ["email", "maija.meikalainen@example.test"],
      ["name", "Maija Meikäläinen"],
    ]);
    expect(draft.answer.removals.map((r: { original: string }) => r.original)).toEqual(["Maija Meikäläinen", "Sanna Neuvoja"]);
    expect(draft.photos.map((p: { id: string }) => p.id)).toEqual(photos);
  });

  it("removes street numbers when the organisation asks", async () => {
    const { tenant, advisor, id } = await setUp();
    const admin = await signIn(t.app, tenant, "admin");
    expect((await advisor.put("/api/staff/admin/publishing", { removeStreetNumbers: true })).statusCode).toBe(403);
    expect((await admin.put("/api/staff/admin/publishing", { removeStreetNumbers: true })).json()).toEqual({ removeStreetNumbers: true });
    const draft = (await advisor.get(`/api/staff/tickets/${id}/publication`)).json();
    expect(draft.text.removals[0]).toMatchObject({ kind: "street_number", original: " 5", replacement: "" });
  });
});

describe("publishing rights", () => {
  it("lets handlers publish but not viewers, reporters or external partners", async () => {
    const { tenant, id } = await setUp();
    const body = { publicText: "Katuvalo on pimeänä." };
    for (const key of ["viewer", "reporter", "partner"]) {
      const client = await signIn(t.app, tenant, key);
      const res = await publish(client, id, body);
      // Out of their sight it is 404; in sight (the reporter sees all) it is 403.
      expect([403, 404]).toContain(res.statusCode);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect((await client.get(`/api/staff/tickets/${id}/publication`)).statusCode).toBeGreaterThanOrEqual(403);
    }
    const reporter = await signIn(t.app, tenant, "reporter");
    expect((await publish(reporter, id, body)).statusCode).toBe(403);
    const ticket = (await (await signIn(t.app, tenant, "advisor")).get(`/api/staff/tickets/${id}`)).json();
    expect(ticket.allowedActions).toContain("publish");
    expect((await publicGet(`/api/public/${tenant.slug}/feedback`)).json().total).toBe(0);
  });

  it("validates the body and the photos", async () => {
    const { tenant, receipt, advisor, id } = await setUp();
    // A photo still being cleaned (its original in quarantine) cannot be approved, nor is it offered.
    const fresh = (await uploadAttachment(t.app, tenant, receipt.trackingToken, "uusi.jpg", await photo())).json();
    expect(fresh.status).toBe("processing");
    const refused = await publish(advisor, id, { publicText: "x", photoIds: [fresh.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].path).toBe("photoIds");
    const draft = (await advisor.get(`/api/staff/tickets/${id}/publication`)).json();
    expect(draft.photos.map((p: { id: string }) => p.id)).not.toContain(fresh.id);
    expect((await publish(advisor, id, { publicText: "" })).statusCode).toBe(400);
    const other = await setUp();
    const res = await publish(advisor, id, { publicText: "x", photoIds: [other.photos[0]] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("photoIds");
    expect((await publicGet(`/api/public/${tenant.slug}/feedback`)).json().total).toBe(0);
    expect((await advisor.delete(`/api/staff/tickets/${id}/publication`)).statusCode).toBe(409);
  });
});

describe("published contacts", () => {
  async function published() {
    const s = await setUp();
    const draft = (await s.advisor.get(`/api/staff/tickets/${s.id}/publication`)).json();
    const { applyRemovals } = await import("@yhteys/contracts");
    const res = await publish(s.advisor, s.id, {
      publicText: applyRemovals(draft.text.original, draft.text.removals),
      publicAnswer: applyRemovals(draft.answer.original, draft.answer.removals),
      photoIds: [s.photos[0]],
      removalsKept: 5,
    });
    expect(res.statusCode).toBe(200);
    const history = res.json().history as { type: string; data: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({ type: "ticket.published", data: { photos: 1, removalsKept: 5, republished: false } });
    return s;
  }

  const paths = (tenant: SeededOrganisation, reference: string, photoId: string) => ({
    list: `/api/public/${tenant.slug}/feedback`,
    detail: `/api/public/${tenant.slug}/feedback/${reference}`,
    rss: `/api/public/${tenant.slug}/feedback/feed.rss`,
    json: `/api/public/${tenant.slug}/feedback/feed.json`,
    photo: `/api/public/${tenant.slug}/feedback/${reference}/photos/${photoId}`,
  });

  it("shows only approved texts and photos, never personal data, and withdraws everything on unpublish", async () => {
    const { tenant, receipt, advisor, id, photos } = await published();
    const p = paths(tenant, receipt.reference, photos[0] as string);

    const list = await publicGet(p.list);
    expect(list.statusCode).toBe(200);
    expect(list.headers["cache-control"]).toBe("public, max-age=60");
    const [item] = list.json().items;
    expect(item).toEqual({
      reference: receipt.reference,
      category: { id: tenant.categories.potholes, name: expect.objectContaining({ fi: "Kuopat ja päällysteet" }) },
      area: { code: "hervanta", name: expect.objectContaining({ fi: "Hervanta" }) },
      status: "in_progress",
      text: "Katuvalo Kotikatu 5:n edessä on pimeänä.\nSoittakaa [puhelinnumero] tai [sähköposti].\nYstävällisin terveisin\n[nimi]",
      answer: "Hei [nimi], korjaamme valon tällä viikolla. t. [nimi]",
      location: { lat: 61.4512, lon: 23.8512 },
      createdAt: expect.any(String),
      publishedAt: expect.any(String),
      updatedAt: expect.any(String),
      resolvedAt: null,
      photos: [{ id: photos[0], url: `${p.photo}`, thumbnailUrl: `${p.photo}/thumbnail` }],
      followers: 0,
    });

    const detail = await publicGet(p.detail);
    expect(detail.json()).toEqual(item);
    const rss = await publicGet(p.rss);
    expect(rss.headers["content-type"]).toContain("application/rss+xml");
    expect(rss.body).toContain(`<link>https://palaute.example.test/${tenant.slug}/palautteet/${receipt.reference}</link>`);
    const json = await publicGet(p.json);
    expect(json.json()).toMatchObject({ version: "https://jsonfeed.org/version/1.1", items: [{ id: receipt.reference }] });
    const image = await publicGet(p.photo);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/jpeg");
    expect((await publicGet(`${p.photo}/thumbnail`)).statusCode).toBe(200);
    // The photo that was not approved is not served.
    expect((await publicGet(paths(tenant, receipt.reference, photos[1] as string).photo)).statusCode).toBe(404);

    // The customer's name, email and phone, the address and the handler's name appear nowhere.
    for (const res of [list, detail, rss, json]) assertNoPersonalData(res.body);
    expect(image.headers["content-disposition"]).not.toContain("maija");

    // Unpublish: gone from the list, the detail, both feeds and the photo endpoint.
    const withdrawn = await advisor.delete(`/api/staff/tickets/${id}/publication`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().history.at(-1).type).toBe("ticket.unpublished");
    expect((await publicGet(p.list)).json()).toMatchObject({ items: [], total: 0 });
    expect((await publicGet(p.detail)).statusCode).toBe(404);
    expect((await publicGet(p.rss)).body).not.toContain(receipt.reference);
    expect((await publicGet(p.json)).json().items).toEqual([]);
    expect((await publicGet(p.photo)).statusCode).toBe(404);
    expect((await advisor.get(`/api/staff/tickets/${id}/publication`)).json().publication).toBeNull();
  });

  it("republishes with other photos, filters, pages, and keeps other organisations apart", async () => {
    const { tenant, receipt, advisor, id, photos } = await published();
    const again = await publish(advisor, id, { publicText: "Katuvalo on pimeänä.", photoIds: [photos[1]] });
    expect(again.json().history.at(-1)).toMatchObject({ type: "ticket.published", data: { republished: true, photos: 1 } });
    const draft = (await advisor.get(`/api/staff/tickets/${id}/publication`)).json();
    expect(draft.publication).toMatchObject({
      publicText: "Katuvalo on pimeänä.",
      publicAnswer: null,
      photoIds: [photos[1]],
      publishedBy: "Sanna Neuvoja",
    });
    expect((await publicGet(paths(tenant, receipt.reference, photos[0] as string).photo)).statusCode).toBe(404);

    // A second published contact in another area and category, resolved.
    const second = await submitContact(t.app, tenant, {
      categoryId: tenant.categories["street-lighting"],
      location: { lat: 61.5, lon: 23.75 },
      extraFields: { lamp_state: "dark" },
    });
    const secondId = (await advisor.get(`/api/staff/tickets?q=${second.reference}`)).json().items[0].id;
    await advisor.post(`/api/staff/tickets/${secondId}/state`, { state: "resolved" });
    await publish(advisor, secondId, { publicText: "Lamppu rikki." });
    // An unpublished one never shows.
    await submitContact(t.app, tenant, { location: hervanta });

    const refs = async (query: string) =>
      ((await publicGet(`/api/public/${tenant.slug}/feedback?${query}`)).json().items as { reference: string }[]).map((i) => i.reference);
    expect(await refs("")).toEqual([second.reference, receipt.reference]);
    expect(await refs("area=hervanta")).toEqual([receipt.reference]);
    expect(await refs("area=keskusta,hervanta")).toEqual([second.reference, receipt.reference]);
    expect(await refs(`category=${tenant.categories["street-lighting"]}`)).toEqual([second.reference]);
    expect(await refs("status=resolved")).toEqual([second.reference]);
    expect(await refs("status=received,in_progress")).toEqual([receipt.reference]);
    expect(await refs("bbox=23.8,61.44,23.9,61.46")).toEqual([receipt.reference]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await refs(`from=${today}&to=${today}`)).toHaveLength(2);
    expect(await refs("to=2020-01-01")).toEqual([]);
    const page2 = (await publicGet(`/api/public/${tenant.slug}/feedback?pageSize=1&page=2`)).json();
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ reference: receipt.reference }] });
    const bad = await publicGet(`/api/public/${tenant.slug}/feedback?status=secret&bbox=1,2`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");

    const areasRes = (await publicGet(`/api/public/${tenant.slug}/feedback/areas`)).json();
    expect(areasRes.items.map((a: { code: string }) => a.code)).toContain("hervanta");

    const other = await newTenant(t.ctx);
    expect((await publicGet(`/api/public/${other.slug}/feedback`)).json().total).toBe(0);
    expect((await publicGet(`/api/public/${other.slug}/feedback/${receipt.reference}`)).statusCode).toBe(404);
  });
});

describe("the resident's consent to publish", () => {
  async function contactWith(tenant: SeededOrganisation, consent: Record<string, unknown>) {
    const receipt = await submitContact(t.app, tenant, { location: hervanta, ...consent });
    const advisor = await signIn(t.app, tenant, "advisor");
    const id = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    return { receipt, advisor, id };
  }

  it("is stored from the form, shown to staff and to the resident, and absent means not asked", async () => {
    const tenant = await newTenant(t.ctx);
    for (const [body, stored] of [
      [{ publishConsent: true }, true],
      [{ publishConsent: false }, false],
      [{}, null],
    ] as const) {
      const { receipt, advisor, id } = await contactWith(tenant, body);
      expect((await advisor.get(`/api/staff/tickets/${id}`)).json().publishConsent).toBe(stored);
      expect((await publicGet(`/api/public/${tenant.slug}/contacts/${receipt.trackingToken}`)).json().publishConsent).toBe(stored);
    }
    const bad = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts`,
      payload: { categoryId: tenant.categories.potholes, description: "Kuoppa kadulla", publishConsent: "yes" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain("publishConsent");
  });

  it("refuses publishing when the resident said no, and allows it when they said yes or were not asked", async () => {
    const tenant = await newTenant(t.ctx);
    const body = { publicText: "Kuoppa kadulla." };
    const refused = await contactWith(tenant, { publishConsent: false });
    const res = await publish(refused.advisor, refused.id, body);
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "publish_consent_refused", title: "The resident did not allow publishing" });
    expect(res.json().detail).toContain("may not be published");
    expect(
      (await refused.advisor.get(`/api/staff/tickets/${refused.id}`)).json().history.map((e: { type: string }) => e.type),
    ).not.toContain("ticket.published");

    const allowed = await contactWith(tenant, { publishConsent: true });
    expect((await publish(allowed.advisor, allowed.id, body)).statusCode).toBe(200);
    const notAsked = await contactWith(tenant, {});
    expect((await publish(notAsked.advisor, notAsked.id, body)).statusCode).toBe(200);
    const list = (await publicGet(`/api/public/${tenant.slug}/feedback`)).json().items as { reference: string }[];
    expect(list.map((i) => i.reference).sort()).toEqual([allowed.receipt.reference, notAsked.receipt.reference].sort());
  });
});

describe("Demo City", () => {
  it("has a few dozen published contacts with answers", async () => {
    const { seedDemo } = await import("../demo/demo.ts");
    await seedDemo(t.ctx.db);
    const res = await publicGet("/api/public/demo/feedback?pageSize=100");
    const list = res.json() as { total: number; items: { answer: string | null; location: unknown; text: string }[] };
    expect(list.total).toBeGreaterThanOrEqual(30);
    expect(list.items.filter((i) => i.answer).length).toBeGreaterThan(10);
    expect(list.items.every((i) => i.location)).toBe(true);
    expect(res.body).not.toMatch(/@[a-z]/);
    // Published only with the resident's consent (or not asked, by other channels); some web residents said no.
    const consents = await t.ctx.db
      .select({ channel: tickets.channel, consent: tickets.publishConsent, published: publications.ticketId })
      .from(tickets)
      .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
      .leftJoin(publications, eq(publications.ticketId, tickets.id))
      .where(eq(organisations.slug, "demo"));
    const published = consents.filter((c) => c.published);
    expect(published.every((c) => (c.channel === "web" ? c.consent === true : c.consent === null))).toBe(true);
    expect(consents.filter((c) => c.channel === "web" && c.consent === false && !c.published).length).toBeGreaterThan(5);
  });
});
