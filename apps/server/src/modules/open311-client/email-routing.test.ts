/**
 * `email` routes against real servers on loopback: the forwarding email goes through the
 * outgoing-email job to an SMTP sink (with a retry after a temporary refusal), and the external
 * party's answers come in through the SMTP listener into the ticket's history.
 */
import { createTransport } from "nodemailer";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, cleanPhotos, newTenant, signIn, submitContact, uploadAttachment, waitFor } from "../../../test/harness.ts";
import { PUBLIC_URL, sink, t, useMailingApp } from "../../../test/smtp-sink.ts";
import { mailboxes } from "../../db/schema.ts";
import { startSmtpListener } from "../email/smtp-listener.ts";
import { withoutQuote } from "./email-routing.ts";

let listener: { port: number; close: () => Promise<void> };
useMailingApp({ EMAIL_MAX_ATTEMPTS: "4" });
beforeAll(async () => {
  listener = await startSmtpListener(t.ctx, { port: 0, host: "127.0.0.1", maxBytes: 1024 * 1024, log: () => {} });
});
afterAll(() => listener?.close());

type History = { type: string; data: Record<string, unknown> }[];
const detail = async (admin: Client, id: string) => (await admin.get(`/api/staff/tickets/${id}`)).json();
const historyOf = async (admin: Client, id: string) => (await detail(admin, id)).history as History;
let counter = 0;

async function setUp() {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const answers = `vastaukset@${tenant.slug}.test`;
  await t.ctx.db.insert(mailboxes).values({
    organisationId: tenant.id,
    groupId: tenant.groups.streets as string,
    categoryId: tenant.categories.other as string,
    address: answers,
    kind: "smtp",
  });
  const mail = await admin.put("/api/staff/admin/mail", {
    fromName: "Testilän kaupunki",
    fromAddress: "palaute@kaupunki.example",
    replyTo: answers,
  });
  expect(mail.statusCode, mail.body).toBe(200);
  const target = `kunnossapito${counter++}.${tenant.slug}@urakoitsija.example`;
  const route = await admin.post("/api/staff/admin/open311-routes", {
    categoryId: tenant.categories.potholes,
    delivery: "email",
    email: target,
    notOursMarker: "EI MEILLE",
  });
  expect(route.statusCode, route.body).toBe(201);
  return { tenant, admin, answers, target, route: route.json() };
}

/** The external party answers as a mail program would, through our SMTP listener. */
async function answer(from: string, to: string, original: { messageId?: string; subject?: string }, text: string) {
  const transport = createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from,
    to,
    subject: `Re: ${original.subject}`,
    inReplyTo: original.messageId,
    references: original.messageId ? [original.messageId] : [],
    text,
  });
  transport.close();
}

describe("routing by email", () => {
  it("sends a formatted email with the facts and the approved photos, retries, and takes the answers back", async () => {
    const { tenant, admin, answers, target, route } = await setUp();
    expect(route).toMatchObject({ delivery: "email", email: target, endpoint: null, hasApiKey: false });
    sink.refuse(target, 451, 1);
    // Sent first to another category with photos, published with both approved, then reclassified into the route.
    const receipt = await submitContact(t.app, tenant, {
      categoryId: tenant.categories.litter,
      description: "Syvä kuoppa pyörätiellä, vaarallinen pimeällä.",
      location: { lat: 61.4981, lon: 23.7609 },
      address: "Hämeenkatu 10",
      wantsReply: true,
      contact: { name: "Maija Meikäläinen", email: "maija@asukas.example", phone: "0401234567" },
    });
    const photo = await sharp({ create: { width: 32, height: 24, channels: 3, background: "#963" } })
      .jpeg()
      .toBuffer();
    const photos = [];
    for (const name of ["a.jpg", "b.jpg"])
      photos.push((await uploadAttachment(t.app, tenant, receipt.trackingToken, name, photo)).json().id as string);
    await cleanPhotos(t.ctx);
    const id = (await admin.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
    const published = await admin.put(`/api/staff/tickets/${id}/publication`, { publicText: "Kuoppa pyörätiellä.", photoIds: photos });
    expect(published.statusCode, published.body).toBe(200);
    expect((await admin.post(`/api/staff/tickets/${id}/reclassify`, { categoryId: tenant.categories.potholes })).statusCode).toBe(200);

    const [mail] = await sink.mailsTo(target);
    if (!mail) throw new Error("no forwarding email arrived");
    expect(sink.refusals.get(target)).toBe(1);
    expect(mail.parsed.subject).toMatch(new RegExp(`^Palvelupyyntö: .+ \\[${receipt.reference}\\]$`));
    expect(mail.parsed.replyTo?.value[0]?.address).toBe(answers);
    expect(mail.parsed.inReplyTo).toBeUndefined();
    const text = mail.parsed.text ?? "";
    for (const part of [
      `Tunnus: ${receipt.reference}`,
      "Syvä kuoppa pyörätiellä, vaarallinen pimeällä.",
      "Osoite: Hämeenkatu 10",
      "Koordinaatit (WGS84): 61.498100, 23.760900",
      "https://www.openstreetmap.org/?mlat=61.498100&mlon=23.760900#map=18/61.498100/23.760900",
      `${PUBLIC_URL}/api/public/${tenant.slug}/feedback/${receipt.reference}/photos/${photos[0]}`,
      `${PUBLIC_URL}/api/public/${tenant.slug}/feedback/${receipt.reference}/photos/${photos[1]}`,
      "Vastatkaa tähän viestiin",
      "EI MEILLE",
    ])
      expect(text).toContain(part);
    expect(mail.parsed.html).toContain('<html lang="fi">');
    expect(mail.parsed.html).toContain(
      `<a href="${PUBLIC_URL}/api/public/${tenant.slug}/feedback/${receipt.reference}/photos/${photos[0]}">`,
    );
    // Nothing about the resident, and no private tracking link.
    for (const secret of ["Maija", "maija@asukas.example", "0401234567", receipt.trackingToken, "/track/"])
      expect(`${mail.raw}`).not.toContain(secret);
    const sent = await waitFor(
      async () => (await historyOf(admin, id)).find((e) => e.type === "ticket.external_sent"),
      (e) => e !== undefined,
    );
    expect(sent?.data).toMatchObject({ via: "email", email: target });

    // Their answer (quoting our email, marker and all) joins the history; the resident gets nothing.
    const groupBefore = (await detail(admin, id)).group.id;
    const residentMails = sink.received.filter((m) => m.to.includes("maija@asukas.example")).length;
    await answer(
      target,
      answers,
      mail.parsed,
      `Korjataan huomenna.\n\nOn Mon, 30 Nov 2026, Yhteys wrote:\n> ${text.split("\n").join("\n> ")}`,
    );
    const updated = await waitFor(
      async () => (await historyOf(admin, id)).filter((e) => e.type === "ticket.external_updated"),
      (list) => list.length > 0,
    );
    expect(updated[0]?.data).toMatchObject({ via: "email", status: "answered", statusNotes: "Korjataan huomenna." });
    const now = await detail(admin, id);
    expect(now.group.id).toBe(groupBefore);
    expect(now.messages.some((m: { body: string }) => m.body.includes("Korjataan huomenna"))).toBe(false);

    // A second answer, from another address of theirs but in the thread, says "not ours": back to the unclear queue.
    await answer(`paivystys@urakoitsija.example`, answers, mail.parsed, "EI MEILLE: pyörätie on ELY-keskuksen.");
    const returned = await waitFor(
      () => detail(admin, id),
      (ticket) => ticket.group?.id === tenant.groups["service-point"],
    );
    expect((returned.history as History).find((e) => e.type === "ticket.forwarded")?.data).toMatchObject({ reason: "external_not_ours" });
    expect(sink.received.filter((m) => m.to.includes("maija@asukas.example")).length).toBe(residentMails);
  });

  it("checks what each delivery needs, and lists the route's delivery in the admin API", async () => {
    const { tenant, admin, route } = await setUp();
    const noAddress = await admin.post("/api/staff/admin/open311-routes", { categoryId: tenant.categories.trees, delivery: "email" });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.headers["content-type"]).toContain("application/problem+json");
    expect(noAddress.json().errors.map((e: { path: string }) => e.path)).toContain("body.email");
    // Switching to the API needs an endpoint, a key and a service code.
    const toApi = await admin.patch(`/api/staff/admin/open311-routes/${route.id}`, { delivery: "api" });
    expect(toApi.statusCode).toBe(400);
    expect(
      toApi
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["body.apiKey", "body.endpoint", "body.serviceCode"]);
    const switched = await admin.patch(`/api/staff/admin/open311-routes/${route.id}`, {
      delivery: "api",
      endpoint: "https://huolto.example/open311/v2",
      apiKey: "k",
      serviceCode: "potholes",
    });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json()).toMatchObject({ delivery: "api", hasApiKey: true, endpoint: "https://huolto.example/open311/v2" });
    expect((await admin.get("/api/staff/admin/open311-routes")).json().items[0]).toMatchObject({ id: route.id, delivery: "api" });
  });

  it("keeps only the answer, without the quoted email", () => {
    expect(withoutQuote("Hoidetaan.\r\n\r\nma 30.11.2026 klo 9.00 Yhteys kirjoitti:\r\n> EI MEILLE")).toBe("Hoidetaan.");
    expect(withoutQuote("Done.\n-----Original Message-----\nFrom: x\nNOT_OURS")).toBe("Done.");
    expect(withoutQuote("> quoted\nEI MEILLE")).toBe("EI MEILLE");
  });
});
