/**
 * The Open311 client against a real second Yhteys instance on loopback: its Open311 server is the
 * external system. Its staff change the request there, and the change comes back here.
 */
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
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
  waitFor,
} from "../../../test/harness.ts";
import { jobs } from "../../db/schema.ts";
import type { SeededOrganisation } from "../demo/demo.ts";

let local: TestApp;
let external: TestApp;
let endpoint: string;
beforeAll(async () => {
  external = await startTestApp();
  await external.app.listen({ port: 0, host: "127.0.0.1" });
  endpoint = `http://127.0.0.1:${(external.app.server.address() as AddressInfo).port}/open311/v2`;
  local = await startTestApp({
    JOBS: "on",
    JOBS_POLL_MS: "100",
    WEBHOOK_RETRY_BASE_MS: "50",
    WEBHOOK_MAX_ATTEMPTS: "8",
    OPEN311_POLL_MS: "200",
    PUBLIC_URL: "https://palaute.kaupunki.example",
  });
});
afterAll(async () => {
  await local?.close();
  await external?.close();
});

type History = { type: string; data: Record<string, unknown> }[];
const detail = async (admin: Client, id: string) => (await admin.get(`/api/staff/tickets/${id}`)).json();
const idOf = async (admin: Client, reference: string) =>
  (await admin.get(`/api/staff/tickets?q=${reference}`)).json().items[0].id as string;

async function setUp(apiKeyOf: (far: SeededOrganisation) => string = (far) => far.apiKey) {
  const far = await newTenant(external.ctx);
  const farAdmin = await signIn(external.app, far, "admin");
  const tenant = await newTenant(local.ctx);
  const admin = await signIn(local.app, tenant, "admin");
  const route = await admin.post("/api/staff/admin/open311-routes", {
    categoryId: tenant.categories.potholes,
    endpoint,
    apiKey: apiKeyOf(far),
    serviceCode: "potholes",
    jurisdictionId: far.slug,
    notOursMarker: "EI MEILLE",
  });
  expect(route.statusCode, route.body).toBe(201);
  return { far, farAdmin, tenant, admin, route: route.json() as { id: string } };
}

const pothole = { description: "Syvä kuoppa Hämeenkadulla", location: { lat: 61.4981, lon: 23.7609 }, address: "Hämeenkatu 10" };

describe("Open311 client", () => {
  it("forwards a routed ticket, brings status and notes back, and returns a 'not ours' request to the unclear queue", async () => {
    const { farAdmin, tenant, admin } = await setUp();
    const { reference } = await submitContact(local.app, tenant, pothole);
    const ticketId = await idOf(admin, reference);
    const sent = await waitFor(
      async () => ((await detail(admin, ticketId)).history as History).find((e) => e.type === "ticket.external_sent"),
      (e) => e !== undefined,
    );
    const externalId = sent?.data.serviceRequestId as string;
    expect(externalId).toMatch(/^YH-/);

    // The request exists over there, with our description and place.
    const farId = await idOf(farAdmin, externalId);
    const farTicket = await detail(farAdmin, farId);
    expect(farTicket).toMatchObject({ channel: "open311", description: pothole.description, address: pothole.address });
    expect(farTicket.location).toEqual(pothole.location);

    // Their handler answers: the note comes back as an event.
    expect((await farAdmin.post(`/api/staff/tickets/${farId}/replies`, { body: "Korjataan viikolla 49." })).statusCode).toBe(200);
    const updated = await waitFor(
      async () => ((await detail(admin, ticketId)).history as History).filter((e) => e.type === "ticket.external_updated"),
      (list) => list.some((e) => e.data.statusNotes === "Korjataan viikolla 49."),
    );
    expect(updated.at(-1)?.data).toMatchObject({ status: "open", statusNotes: "Korjataan viikolla 49." });
    expect((await detail(admin, ticketId)).group.id).toBe(tenant.groups.streets);

    // They close it as not theirs: the ticket returns to our unclear queue.
    const answered = await farAdmin.post(`/api/staff/tickets/${farId}/replies`, { body: "EI MEILLE: katu on ELY-keskuksen." });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await farAdmin.post(`/api/staff/tickets/${farId}/state`, { state: "closed_unnecessary" })).statusCode).toBe(200);
    const returned = await waitFor(
      () => detail(admin, ticketId),
      (t) => t.group?.id === tenant.groups["service-point"],
    );
    expect(returned.group.id).toBe(tenant.groups["service-point"]);
    const types = (returned.history as History).map((e) => e.type);
    expect(types).toContain("ticket.external_returned");
    expect((returned.history as History).find((e) => e.type === "ticket.forwarded")?.data).toMatchObject({ reason: "external_not_ours" });
  });

  it("sends the first approved photo as media_url and the others as links in the description", async () => {
    const { tenant, admin, farAdmin } = await setUp();
    const receipt = await submitContact(local.app, tenant, { ...pothole, categoryId: tenant.categories.litter });
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#369" } })
      .jpeg()
      .toBuffer();
    const photos: string[] = [];
    for (const name of ["a.jpg", "b.jpg", "c.jpg"])
      photos.push((await uploadAttachment(local.app, tenant, receipt.trackingToken, name, photo)).json().id as string);
    await cleanPhotos(local.ctx);
    const ticketId = await idOf(admin, receipt.reference);
    // Two of three photos approved when publishing; then the ticket is reclassified into the routed category.
    const approved = [photos[0], photos[2]];
    const published = await admin.put(`/api/staff/tickets/${ticketId}/publication`, { publicText: "Kuoppa.", photoIds: approved });
    expect(published.statusCode, published.body).toBe(200);
    expect((await admin.post(`/api/staff/tickets/${ticketId}/reclassify`, { categoryId: tenant.categories.potholes })).statusCode).toBe(
      200,
    );
    const sent = await waitFor(
      async () => ((await detail(admin, ticketId)).history as History).find((e) => e.type === "ticket.external_sent"),
      (e) => e !== undefined,
    );
    expect(sent?.data).toMatchObject({ photos: 2 });
    const url = (id: string | undefined) =>
      `https://palaute.kaupunki.example/api/public/${tenant.slug}/feedback/${receipt.reference}/photos/${id}`;
    // The far Yhteys keeps a media_url as a link at the end of the description (it fetches nothing).
    const far = await detail(farAdmin, await idOf(farAdmin, sent?.data.serviceRequestId as string));
    expect(far.description).toBe(`${pothole.description}\n\n${url(photos[2])}\n\n${url(photos[0])}`);
    expect(far.description).not.toContain(photos[1]);
  });

  it("does not forward other categories, and retries a refused request until the key is fixed", async () => {
    const { tenant, admin, route, far, farAdmin } = await setUp(() => "wrong-key");
    const other = await submitContact(local.app, tenant, { ...pothole, categoryId: tenant.categories.litter });
    const { reference } = await submitContact(local.app, tenant, pothole);
    const ticketId = await idOf(admin, reference);
    // The far side refuses the key (403); the job keeps trying. A new key makes the next attempt succeed.
    const refused = await waitFor(
      () =>
        local.ctx.db
          .select()
          .from(jobs)
          .where(and(eq(jobs.name, "open311_create"), eq(jobs.dedupeKey, ticketId))),
      (rows) => (rows[0]?.attempts ?? 0) >= 1 && rows[0]?.lastError !== null,
    );
    expect(refused[0]?.lastError).toMatch(/403/);
    expect(((await detail(admin, ticketId)).history as History).some((e) => e.type === "ticket.external_sent")).toBe(false);
    expect((await admin.patch(`/api/staff/admin/open311-routes/${route.id}`, { apiKey: far.apiKey })).statusCode).toBe(200);
    const sent = await waitFor(
      async () => ((await detail(admin, ticketId)).history as History).find((e) => e.type === "ticket.external_sent"),
      (e) => e !== undefined,
      20_000,
    );
    expect(sent).toBeDefined();
    // Exactly one request arrived over there (the refused attempts created nothing).
    const farList = (await farAdmin.get("/api/staff/tickets?channel=open311")).json().items;
    expect(farList).toHaveLength(1);
    const otherTicket = await detail(admin, await idOf(admin, other.reference));
    expect((otherTicket.history as History).some((e) => e.type === "ticket.external_sent")).toBe(false);
  });

  it("keeps the api key write-only and the routing to technical admins, with problem+json on bad input", async () => {
    const { tenant, admin, route } = await setUp();
    const listed = await admin.get("/api/staff/admin/open311-routes");
    expect(listed.json().items[0]).toMatchObject({ id: route.id, hasApiKey: true, serviceCode: "potholes" });
    expect(listed.body).not.toMatch(/apiKey"|api_key/);
    const advisor = await signIn(local.app, tenant, "advisor");
    expect((await advisor.get("/api/staff/admin/open311-routes")).statusCode).toBe(403);
    const twice = await admin.post("/api/staff/admin/open311-routes", {
      categoryId: tenant.categories.potholes,
      endpoint,
      apiKey: "k",
      serviceCode: "x",
    });
    expect(twice.statusCode).toBe(409);
    const bad = await admin.post("/api/staff/admin/open311-routes", {
      categoryId: tenant.categories.trees,
      endpoint: "ftp://x",
      apiKey: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const stranger = await signIn(local.app, await newTenant(local.ctx), "admin");
    expect((await stranger.delete(`/api/staff/admin/open311-routes/${route.id}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/staff/admin/open311-routes/${route.id}`)).statusCode).toBe(204);
  });
});
