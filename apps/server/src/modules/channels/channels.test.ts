import { ChannelReplyPayload } from "@yhteys/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, type TestApp, waitFor } from "../../../test/harness.ts";
import { startReceiver } from "../../../test/webhook-receiver.ts";
import { signWebhook, verifyWebhookSignature } from "../webhooks/webhook-signature.ts";
import { readPointer } from "./json-pointer.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", JOBS_POLL_MS: "100", WEBHOOK_RETRY_BASE_MS: "50", WEBHOOK_MAX_ATTEMPTS: "5" });
});
afterAll(() => t.close());

const mapping = {
  externalId: "/message/id",
  text: "/message/text",
  author: "/message/from/name",
  threadId: "/message/conversation",
  link: "/message/permalink",
  attachments: "/message/media",
};

async function setUp(replyUrl: string | null = null) {
  const tenant = await newTenant(t.ctx);
  const admin = await signIn(t.app, tenant, "admin");
  const key = `some-${tenant.slug}`;
  const created = await admin.post("/api/staff/admin/channels", {
    key,
    name: "Some-palvelu",
    mapping,
    categoryId: tenant.categories.litter,
    replyUrl,
  });
  expect(created.statusCode, created.body).toBe(201);
  const secret = created.json().secret as string;
  const send = (payload: unknown, headers: Record<string, string> = { authorization: `Bearer ${secret}` }) =>
    t.app.inject({
      method: "POST",
      url: `/api/channels/${key}/messages`,
      headers: { "content-type": "application/json", ...headers },
      payload: JSON.stringify(payload),
    });
  return { tenant, admin, key, secret, send };
}

const message = (id: string, text: string, conversation = "conv-1") => ({
  message: {
    id,
    text,
    conversation,
    from: { name: "Maija Meikäläinen" },
    permalink: "https://some.example/p/1",
    media: [{ url: "https://some.example/img/1.jpg" }, "https://some.example/img/2.jpg"],
  },
});

describe("inbound channels", () => {
  it("reads JSON pointers", () => {
    const doc = { a: { "b/c": [1, { "d~e": "x" }] } };
    expect(readPointer(doc, "/a/b~1c/1/d~0e")).toBe("x");
    expect(readPointer(doc, "/a/missing")).toBeUndefined();
    expect(readPointer(doc, "/a/b~1c/5")).toBeUndefined();
  });

  it("makes a message a social ticket with links, joins its thread, and is idempotent by external id", async () => {
    const { admin, send } = await setUp();
    const first = await send(message("m-1", "Roskis on täynnä torilla"));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ outcome: "created", replayed: false });
    const again = await send(message("m-1", "Roskis on täynnä torilla"));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ reference: first.json().reference, replayed: true });
    const joined = await send(message("m-2", "Vieläkin täynnä"));
    expect(joined.json()).toMatchObject({ reference: first.json().reference, outcome: "joined" });
    const other = await send(message("m-3", "Eri asia", "conv-2"));
    expect(other.json().reference).not.toBe(first.json().reference);

    const found = (await admin.get(`/api/staff/tickets?q=${first.json().reference}`)).json().items[0];
    const ticket = (await admin.get(`/api/staff/tickets/${found.id}`)).json();
    expect(ticket).toMatchObject({ channel: "social" });
    expect(ticket.description).toBe(
      "Roskis on täynnä torilla\n\nhttps://some.example/p/1\nhttps://some.example/img/1.jpg\nhttps://some.example/img/2.jpg",
    );
    expect(ticket.customer?.name).toBe("Maija Meikäläinen");
    expect(ticket.messages.map((m: { body: string }) => m.body.split("\n")[0])).toEqual(["Vieläkin täynnä"]);
  });

  it("accepts a signed body instead of the bearer secret, and refuses wrong secrets, signatures and keys alike", async () => {
    const { send, secret, key } = await setUp();
    const payload = message("s-1", "Allekirjoitettu viesti");
    const raw = JSON.stringify(payload);
    const signed = await send(payload, { "yhteys-signature": signWebhook(secret, raw, Math.floor(Date.now() / 1000)) });
    expect(signed.statusCode, signed.body).toBe(201);
    const forged = await send(message("s-2", "x"), { "yhteys-signature": signWebhook("whsec_other", raw, Math.floor(Date.now() / 1000)) });
    expect(forged.statusCode).toBe(401);
    expect(forged.headers["content-type"]).toContain("application/problem+json");
    const old = await send(payload, { "yhteys-signature": signWebhook(secret, raw, Math.floor(Date.now() / 1000) - 3600) });
    expect(old.statusCode).toBe(401);
    expect((await send(message("s-3", "x"), { authorization: "Bearer wrong" })).statusCode).toBe(401);
    expect((await send(message("s-3", "x"), {})).statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/channels/no-such-channel/messages",
      headers: { authorization: `Bearer ${secret}` },
      payload: {},
    });
    expect(unknown.statusCode).toBe(401);
    expect(key).toBeTruthy();
  });

  it("answers messages that do not fit the mapping with problem+json naming the pointers", async () => {
    const { send } = await setUp();
    const bad = await send({ message: { text: "", media: ["javascript:alert(1)"] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["/message/id", "/message/media", "/message/text"]);
    const broken = await t.app.inject({
      method: "POST",
      url: "/api/channels/whatever/messages",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.headers["content-type"]).toContain("application/problem+json");
  });

  it("delivers staff replies to the reply URL, signed, and retries until the receiver takes them", async () => {
    // The receiver fails twice before it accepts.
    const receiver = await startReceiver((_r, i) => ({ status: i < 2 ? 503 : 200 }));
    const { admin, send, secret, key } = await setUp(receiver.url);
    const created = await send(message("r-1", "Milloin roska-astia tyhjennetään?"));
    const found = (await admin.get(`/api/staff/tickets?q=${created.json().reference}`)).json().items[0];
    const replied = await admin.post(`/api/staff/tickets/${found.id}/replies`, { body: "Tyhjennämme sen tänään." });
    expect(replied.statusCode, replied.body).toBe(200);
    // A note is not a reply: it goes nowhere.
    await admin.post(`/api/staff/tickets/${found.id}/notes`, { body: "Sisäinen" });
    const got = await waitFor(
      () => receiver.received,
      (r) => r.length >= 3,
    );
    expect(got).toHaveLength(3);
    const last = got[2];
    if (!last) throw new Error("no delivery");
    expect(verifyWebhookSignature(secret, String(last.headers["yhteys-signature"]), last.body, Math.floor(Date.now() / 1000))).toBe(true);
    const payload = ChannelReplyPayload.parse(JSON.parse(last.body));
    expect(payload).toMatchObject({
      channel: key,
      threadId: "conv-1",
      inReplyTo: "r-1",
      reference: created.json().reference,
      text: "Tyhjennämme sen tänään.",
    });
    // Every attempt carries the same delivery id.
    expect(new Set(got.map((r) => r.headers["yhteys-delivery"])).size).toBe(1);
    await receiver.close();
  });

  it("lets only technical admins manage channels, and refuses bad mappings and taken keys", async () => {
    const { tenant, key } = await setUp();
    const admin = await signIn(t.app, tenant, "admin");
    const advisor = await signIn(t.app, tenant, "advisor");
    expect((await advisor.get("/api/staff/admin/channels")).statusCode).toBe(403);
    const listed = await admin.get("/api/staff/admin/channels");
    expect(listed.json().items).toHaveLength(1);
    expect(listed.body).not.toContain("whsec_");
    const badMapping = await admin.post("/api/staff/admin/channels", {
      key: "x-y",
      name: "x",
      mapping: { externalId: "id", text: "/t" },
      categoryId: tenant.categories.litter,
    });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().errors[0].path).toMatch(/externalId/);
    const taken = await admin.post("/api/staff/admin/channels", { key, name: "x", mapping, categoryId: tenant.categories.litter });
    expect(taken.statusCode).toBe(409);
    const id = listed.json().items[0].id;
    expect((await admin.patch(`/api/staff/admin/channels/${id}`, { active: false })).json().active).toBe(false);
    const stranger = await signIn(t.app, await newTenant(t.ctx), "admin");
    expect((await stranger.patch(`/api/staff/admin/channels/${id}`, { active: true })).statusCode).toBe(404);
  });
});
