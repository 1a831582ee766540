import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp } from "../../../test/harness.ts";
import { auditEntries } from "../../db/schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const hour = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const HERVANTA = { lat: 61.45, lon: 23.85 };
const KESKUSTA = { lat: 61.498, lon: 23.76 };

const notice = (over: Record<string, unknown> = {}) => ({
  kind: "disruption",
  title: { fi: "Katuvalot pimeänä", sv: "Gatlamporna släckta", en: "Street lights out" },
  body: { fi: "Tiedämme vian. Korjaus on käynnissä." },
  validFrom: at(-hour),
  ...over,
});

async function publicNotices(slug: string, query = "") {
  const res = await t.app.inject({ method: "GET", url: `/api/public/${slug}/notices${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { title: { fi: string } }[]).map((n) => n.title.fi).sort();
}

describe("notices", () => {
  it("shows current notices only, in their validity window, with cache headers", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    for (const [title, validFrom, validUntil] of [
      ["nyt", at(-hour), at(hour)],
      ["avoin", at(-hour), null],
      ["tuleva", at(hour), null],
      ["mennyt", at(-2 * hour), at(-hour)],
    ] as const) {
      const res = await admin.post("/api/staff/admin/notices", notice({ kind: "news", title: { fi: title }, validFrom, validUntil }));
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await publicNotices(tenant.slug)).toEqual(["avoin", "nyt"]);
    const res = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/notices` });
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    const listed = (await admin.get("/api/staff/admin/notices")).json().items as { title: { fi: string }; current: boolean }[];
    expect(
      listed
        .filter((n) => n.current)
        .map((n) => n.title.fi)
        .sort(),
    ).toEqual(["avoin", "nyt"]);
    // Ending a notice takes it off at once.
    const now = listed.find((n) => n.title.fi === "nyt") as unknown as { id: string };
    expect((await admin.patch(`/api/staff/admin/notices/${now.id}`, { validUntil: at(-1000) })).statusCode).toBe(200);
    expect(await publicNotices(tenant.slug)).toEqual(["avoin"]);
  });

  it("matches targeted notices by category subtree and by area or point", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const c = tenant.categories;
    const a = tenant.areas;
    const make = async (title: string, categoryIds: string[], areaIds: string[]) =>
      expect((await admin.post("/api/staff/admin/notices", notice({ title: { fi: title }, categoryIds, areaIds }))).statusCode).toBe(201);
    await make("kadut", [c.streets as string], []);
    await make("valot-hervanta", [c["street-lighting"] as string], [a.hervanta as string]);
    await make("hervanta", [], [a.hervanta as string]);
    await make("kaikille", [], []);

    // The parent category's notice covers its leaves; a sibling tree sees nothing of it.
    expect(await publicNotices(tenant.slug, `?categoryId=${c.potholes}`)).toEqual(["kadut"]);
    expect(await publicNotices(tenant.slug, `?categoryId=${c["street-lighting"]}`)).toEqual(["kadut", "valot-hervanta"]);
    expect(await publicNotices(tenant.slug, `?categoryId=${c.playgrounds}`)).toEqual([]);
    // A point inside Hervanta, outside it, or the area by id.
    expect(await publicNotices(tenant.slug, `?lat=${HERVANTA.lat}&lon=${HERVANTA.lon}`)).toEqual(["hervanta", "valot-hervanta"]);
    expect(await publicNotices(tenant.slug, `?lat=${KESKUSTA.lat}&lon=${KESKUSTA.lon}`)).toEqual([]);
    expect(await publicNotices(tenant.slug, `?areaId=${a.hervanta}&categoryId=${c.playgrounds}`)).toEqual(["hervanta"]);
    // Both known: both must match.
    expect(await publicNotices(tenant.slug, `?categoryId=${c["street-lighting"]}&lat=${KESKUSTA.lat}&lon=${KESKUSTA.lon}`)).toEqual([
      "kadut",
    ]);
    expect(await publicNotices(tenant.slug, `?categoryId=${c["street-lighting"]}&lat=${HERVANTA.lat}&lon=${HERVANTA.lon}`)).toEqual([
      "hervanta",
      "kadut",
      "valot-hervanta",
    ]);
    // Untargeted notices are on the notices page only.
    expect(await publicNotices(tenant.slug)).toEqual(["hervanta", "kadut", "kaikille", "valot-hervanta"]);
    const [one] = (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/notices?areaId=${a.hervanta}` })).json().items;
    expect(one.areas).toEqual([{ id: a.hervanta, name: { fi: "Hervanta", sv: "Hervanta", en: "Hervanta" } }]);
  });

  it("lets content admins manage their own groups' entries and technical admins all", async () => {
    const tenant = await newTenant(t.ctx);
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    const admin = await signIn(t.app, tenant, "admin");
    const own = await contentAdmin.post("/api/staff/admin/notices", notice({ groupId: tenant.groups.streets }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ mayEdit: true, current: true, groupId: tenant.groups.streets });
    // Another group's, or the organisation's: not theirs.
    expect((await contentAdmin.post("/api/staff/admin/notices", notice({ groupId: tenant.groups.green }))).statusCode).toBe(403);
    expect((await contentAdmin.post("/api/staff/admin/notices", notice())).statusCode).toBe(403);
    const orgWide = (await admin.post("/api/staff/admin/notices", notice())).json();
    expect((await contentAdmin.patch(`/api/staff/admin/notices/${orgWide.id}`, { title: { fi: "x" } })).statusCode).toBe(403);
    expect((await contentAdmin.delete(`/api/staff/admin/notices/${orgWide.id}`)).statusCode).toBe(403);
    expect((await contentAdmin.patch(`/api/staff/admin/notices/${own.json().id}`, { groupId: null })).statusCode).toBe(403);
    const listed = (await contentAdmin.get("/api/staff/admin/notices")).json().items as { id: string; mayEdit: boolean }[];
    expect(listed.map((n) => [n.id, n.mayEdit]).sort()).toEqual(
      [
        [own.json().id, true],
        [orgWide.id, false],
      ].sort(),
    );
    expect((await admin.patch(`/api/staff/admin/notices/${own.json().id}`, { kind: "news" })).json().kind).toBe("news");
    expect((await contentAdmin.delete(`/api/staff/admin/notices/${own.json().id}`)).statusCode).toBe(204);
    for (const role of ["expert", "advisor", "viewer"]) {
      const user = await signIn(t.app, tenant, role);
      expect((await user.get("/api/staff/admin/notices")).statusCode, role).toBe(403);
      expect((await user.post("/api/staff/admin/faq", { question: { fi: "K?" }, answer: { fi: "V." } })).statusCode, role).toBe(403);
    }
    // Tenants do not see each other's entries.
    const other = await newTenant(t.ctx);
    const otherAdmin = await signIn(t.app, other, "admin");
    expect((await otherAdmin.patch(`/api/staff/admin/notices/${orgWide.id}`, { kind: "news" })).statusCode).toBe(404);
    expect(await publicNotices(other.slug)).toEqual([]);
    // Changes are in the audit log.
    const audited = await t.ctx.db
      .select({ action: auditEntries.action })
      .from(auditEntries)
      .where(and(eq(auditEntries.organisationId, tenant.id), like(auditEntries.action, "notice.%")));
    expect(audited.map((r) => r.action).sort()).toEqual(["notice.created", "notice.created", "notice.deleted", "notice.updated"]);
  });

  it("answers bad input with problem+json", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const other = await newTenant(t.ctx);
    const cases: [Record<string, unknown>, string][] = [
      [notice({ validUntil: at(-2 * hour) }), "body.validUntil"],
      [notice({ kind: "gossip" }), "body.kind"],
      [notice({ title: { fi: "" } }), "body.title.fi"],
      [notice({ categoryIds: [other.categories.potholes] }), "body.categoryIds.0"],
      [notice({ areaIds: [tenant.areas.hervanta, other.areas.hervanta] }), "body.areaIds.1"],
      [notice({ groupId: other.groups.streets }), "body.groupId"],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post("/api/staff/admin/notices", body);
      expect(res.statusCode, path).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const bad = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/notices?lat=61.5` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
    expect((await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/notices?categoryId=nope` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/api/public/no-such-org/faq" })).statusCode).toBe(404);
    expect((await admin.patch(`/api/staff/admin/notices/${crypto.randomUUID()}`, { kind: "news" })).statusCode).toBe(404);
  });
});

describe("FAQ", () => {
  it("lists published entries in order for residents and all for admins", async () => {
    const tenant = await newTenant(t.ctx);
    const admin = await signIn(t.app, tenant, "admin");
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    const first = await contentAdmin.post("/api/staff/admin/faq", {
      question: { fi: "Miten seuraan?", en: "How do I follow?" },
      answer: { fi: "Seurantalinkistä." },
      position: 1,
      groupId: tenant.groups.streets,
      categoryId: tenant.categories.potholes,
    });
    expect(first.statusCode, first.body).toBe(201);
    await admin.post("/api/staff/admin/faq", { question: { fi: "Luonnos?" }, answer: { fi: "Ei vielä." }, published: false });
    await admin.post("/api/staff/admin/faq", { question: { fi: "Kuka vastaa?" }, answer: { fi: "Kaupunki." }, position: 5 });
    const res = await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/faq` });
    expect(res.headers["cache-control"]).toBe("public, max-age=60");
    expect(res.json().items.map((f: { question: { fi: string } }) => f.question.fi)).toEqual(["Miten seuraan?", "Kuka vastaa?"]);
    expect((await admin.get("/api/staff/admin/faq")).json().items).toHaveLength(3);
    expect((await contentAdmin.patch(`/api/staff/admin/faq/${first.json().id}`, { published: false })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/faq` })).json().items).toHaveLength(1);
    const bad = await admin.post("/api/staff/admin/faq", { question: { fi: "?" }, answer: { fi: "" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("body.answer.fi");
  });
});

describe("embed", () => {
  it("serves embed.js and frames the portal only for the allowed origins", async () => {
    const tenant = await newTenant(t.ctx);
    const script = await t.app.inject({ method: "GET", url: "/embed.js" });
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toContain("javascript");
    expect(script.body).toContain("yhteys:resize");
    expect(script.body).not.toContain("__DEFAULT_ORG__");

    const admin = await signIn(t.app, tenant, "admin");
    const contentAdmin = await signIn(t.app, tenant, "contentadmin");
    expect((await contentAdmin.put("/api/staff/admin/embed", { allowedOrigins: [] })).statusCode).toBe(403);
    const bad = await admin.put("/api/staff/admin/embed", { allowedOrigins: ["https://www.example.fi/path"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("body.allowedOrigins.0");
    const set = await admin.put("/api/staff/admin/embed", { allowedOrigins: ["https://WWW.Example.fi", "http://127.0.0.1:8080"] });
    expect(set.json()).toEqual({ allowedOrigins: ["https://www.example.fi", "http://127.0.0.1:8080"] });
    expect((await admin.get("/api/staff/admin/embed")).json()).toEqual(set.json());
  });
});
