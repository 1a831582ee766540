import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanPhotos, newTenant, signIn, startTestApp, submitContact, type TestApp, uploadAttachment } from "../../../test/harness.ts";
import { auditEntries } from "../../db/schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ ATTACHMENT_MAX_FILES: "3", ATTACHMENT_MAX_BYTES: String(256 * 1024) });
});
afterAll(() => t.close());

/** A 64×48 JPEG that says it is rotated (EXIF orientation 6) and where it was taken (GPS). */
const photoWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#c33" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "SecretCam", Software: "SecretSoft 1.0" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "61/1 29/1 5/1", GPSLongitudeRef: "E", GPSLongitude: "23/1 45/1 40/1" },
    })
    .toBuffer();

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe("attachments from residents", () => {
  it("accepts a photo as processing, then (the job) re-encodes it without EXIF or GPS, keeps its orientation, and lists it", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const original = await photoWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, "../../etc/Kuoppa \u0007kuva.exe", original);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: "Kuoppa kuva.jpg",
      contentType: "image/jpeg",
      hasThumbnail: false,
      status: "processing",
      rejectedReason: null,
      scanStatus: "pending",
      size: original.length,
    });
    const base = `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}`;
    expect((await t.app.inject({ method: "GET", url: `${base}/attachments/${res.json().id}` })).statusCode).toBe(409);

    await cleanPhotos(t.ctx);
    const tracked = (await t.app.inject({ method: "GET", url: base })).json();
    const attachment = tracked.attachments[0];
    expect(tracked.attachments).toEqual([
      { ...res.json(), hasThumbnail: true, status: "ready", scanStatus: "skipped", size: expect.any(Number) },
    ]);

    const download = await t.app.inject({ method: "GET", url: `${base}/attachments/${attachment.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("image/jpeg");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-disposition"]).toBe(`inline; filename="Kuoppa kuva.jpg"; filename*=UTF-8''Kuoppa%20kuva.jpg`);
    const stored = download.rawPayload;
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([48, 64]);
    for (const secret of ["SecretCam", "SecretSoft", "GPS"]) expect(stored.includes(secret), secret).toBe(false);

    const thumb = await t.app.inject({ method: "GET", url: `${base}/attachments/${attachment.id}/thumbnail` });
    expect(thumb.headers["content-type"]).toBe("image/webp");
    expect((await sharp(thumb.rawPayload).metadata()).format).toBe("webp");

    const expert = await signIn(t.app, tenant, "expert");
    const list = (await expert.get(`/api/staff/tickets?q=${receipt.reference}`)).json();
    const detail = (await expert.get(`/api/staff/tickets/${list.items[0].id}`)).json();
    expect(detail.attachments).toEqual([
      { ...attachment, uploadedBy: "resident", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), published: false },
    ]);
    expect(detail.history.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(["ticket.attachment_added", "ticket.attachment_processed"]),
    );
  });

  it("stores a PDF as sent, without a thumbnail, and sends it as a download", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, "liite.pdf", pdf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: "application/pdf", hasThumbnail: false, size: pdf.length, status: "ready" });
    const base = `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}/attachments/${res.json().id}`;
    const download = await t.app.inject({ method: "GET", url: base });
    expect(download.headers["content-disposition"]).toMatch(/^attachment; filename="liite.pdf"/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: `${base}/thumbnail` })).statusCode).toBe(404);
  });

  it("refuses content that is not a photo or PDF with 415, whatever its name", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const res = await uploadAttachment(
      t.app,
      tenant,
      receipt.trackingToken,
      "kuva.jpg",
      Buffer.from("<html><script>alert(1)</script></html>"),
    );
    expect(res.statusCode).toBe(415);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "unsupported_file_type", title: "This type of file is not accepted" });
    const json = await t.app.inject({
      method: "POST",
      url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}/attachments`,
      payload: {},
    });
    expect(json.statusCode).toBe(415);
  });

  it("takes HEIC photos only where this sharp decodes them; else 415 and the portal is told not to offer them", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from("ftypheic"),
      Buffer.alloc(4),
      Buffer.from("mif1heic"),
      Buffer.alloc(64),
    ]);
    const readable = Boolean(sharp.format.heif?.input.fileSuffix?.includes(".heic"));
    const types = (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}` })).json().attachments.mediaTypes;
    expect(types.includes("image/heic")).toBe(readable);
    if (readable) return;
    const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, "IMG_0001.HEIC", heic);
    expect(res.statusCode).toBe(415);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "unsupported_file_type", detail: expect.stringContaining("content is image/heic") });
  });

  it("refuses a file over the size limit with 413", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const big = Buffer.concat([pdf, Buffer.alloc(300 * 1024, 32)]);
    const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, "iso.pdf", big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "attachment_too_large", title: "The file is too large" });
    // Just over the limit, so that the multipart stream (not the Content-Length check) stops it.
    const edge = await uploadAttachment(
      t.app,
      tenant,
      receipt.trackingToken,
      "raja.pdf",
      Buffer.concat([pdf, Buffer.alloc(256 * 1024, 32)]),
    );
    expect(edge.statusCode).toBe(413);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` })).json().attachments,
    ).toEqual([]);
  });

  it("refuses more files than allowed per contact with 409", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const results = await Promise.all([1, 2, 3, 4].map((i) => uploadAttachment(t.app, tenant, receipt.trackingToken, `${i}.pdf`, pdf)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409]);
    const refused = results.find((r) => r.statusCode === 409);
    expect(refused?.json()).toMatchObject({ code: "too_many_attachments", title: "Too many attachments" });
  });

  it("answers 404 for a wrong tracking token or another contact's attachment", async () => {
    const tenant = await newTenant(t.ctx);
    const mine = await submitContact(t.app, tenant);
    const other = await submitContact(t.app, tenant);
    const wrong = await uploadAttachment(t.app, tenant, "A".repeat(43), "x.pdf", pdf);
    expect(wrong.statusCode).toBe(404);
    const uploaded = (await uploadAttachment(t.app, tenant, mine.trackingToken, "x.pdf", pdf)).json();
    const elsewhere = await t.app.inject({
      method: "GET",
      url: `/api/public/${tenant.slug}/contacts/${other.trackingToken}/attachments/${uploaded.id}`,
    });
    expect(elsewhere.statusCode).toBe(404);
    const otherTenant = await newTenant(t.ctx);
    const crossTenant = await uploadAttachment(t.app, otherTenant, mine.trackingToken, "x.pdf", pdf);
    expect(crossTenant.statusCode).toBe(404);
  });

  it("audits a staff download as a read of the ticket", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const uploaded = (await uploadAttachment(t.app, tenant, receipt.trackingToken, "x.pdf", pdf)).json();
    const advisor = await signIn(t.app, tenant, "advisor");
    const ticketId = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id;
    const res = await advisor.get(`/api/staff/tickets/${ticketId}/attachments/${uploaded.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    const entries = await t.ctx.db.select().from(auditEntries).where(eq(auditEntries.organisationId, tenant.id));
    const read = entries.find((e) => e.action === "attachment.downloaded");
    expect(read).toMatchObject({
      subjectType: "ticket",
      subjectId: ticketId,
      actorUserId: tenant.users.advisor?.id,
      detail: { attachmentId: uploaded.id },
    });
  });
});
