import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanPhotos,
  newTenant,
  signIn,
  startTestApp,
  submitContact,
  type TestApp,
  uploadAttachment,
  waitFor,
} from "../../../test/harness.ts";
import { attachments, jobs } from "../../db/schema.ts";
import { JobRunner } from "../jobs/job-runner.ts";

// JOBS=off: photos stay `processing` until a test runs the cleaning jobs.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const photo = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: "#c93" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "61/1 29/1 5/1", GPSLongitudeRef: "E", GPSLongitude: "23/1 45/1 40/1" } })
    .toBuffer();

/** A JPEG by its first bytes (so it is accepted), but nothing that decodes. */
const brokenJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0"), Buffer.alloc(400, 0x42)]);

async function upload(fileName: string, data: Buffer) {
  const tenant = await newTenant(t.ctx);
  const receipt = await submitContact(t.app, tenant);
  const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, fileName, data);
  expect(res.statusCode, res.body).toBe(201);
  const advisor = await signIn(t.app, tenant, "advisor");
  const ticketId = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id as string;
  const id = res.json().id as string;
  const [row] = await t.ctx.db.select().from(attachments).where(eq(attachments.id, id));
  return {
    id,
    created: res.json(),
    originalKey: row?.storageKey ?? "",
    advisor,
    ticketId,
    own: (suffix = "") =>
      t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}/attachments/${id}${suffix}` }),
    staff: (suffix = "") => advisor.get(`/api/staff/tickets/${ticketId}/attachments/${id}${suffix}`),
    tracked: async () =>
      (await t.app.inject({ method: "GET", url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}` })).json(),
  };
}

/** Whether the store holds `key`. */
const stored = (key: string) =>
  t.ctx.attachmentStore.open(key).then(
    (stream) => {
      stream.destroy();
      return true;
    },
    () => false,
  );

const jobOf = async (attachmentId: string) =>
  (
    await t.ctx.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, t.ctx.jobKinds.photoCleaning.name), eq(jobs.dedupeKey, attachmentId)))
  )[0];

describe("the photo-cleaning job", () => {
  it("keeps the original in quarantine and serves nothing while processing; then serves only the cleaned photo", async () => {
    const file = await upload("kuva.jpg", await photo());
    expect(file.created).toMatchObject({ status: "processing", hasThumbnail: false, scanStatus: "pending" });
    expect(file.originalKey).toMatch(/^quarantine\//);
    expect(await stored(file.originalKey)).toBe(true);
    for (const suffix of ["", "/thumbnail"]) {
      expect((await file.own(suffix)).statusCode).toBe(409);
      const staff = await file.staff(suffix);
      expect(staff.statusCode).toBe(409);
      expect(staff.json()).toMatchObject({ code: "attachment_unavailable", detail: "The photo is still being processed" });
    }
    expect((await jobOf(file.id))?.state).toBe("queued");

    await cleanPhotos(t.ctx);
    expect((await file.tracked()).attachments[0]).toMatchObject({ status: "ready", hasThumbnail: true, rejectedReason: null });
    const served = await file.own();
    expect(served.statusCode).toBe(200);
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
    expect((await file.staff("/thumbnail")).statusCode).toBe(200);
    expect(await stored(file.originalKey)).toBe(false);
    expect((await jobOf(file.id))?.state).toBe("done");
  });

  it("rejects a photo that cannot be decoded, with the reason for the resident and staff, and deletes it", async () => {
    const file = await upload("rikki.jpg", brokenJpeg);
    expect(file.created).toMatchObject({ status: "processing", contentType: "image/jpeg" });
    await cleanPhotos(t.ctx);
    expect((await file.tracked()).attachments[0]).toMatchObject({ status: "rejected", rejectedReason: "unreadable", hasThumbnail: false });
    expect((await file.own()).statusCode).toBe(409);
    expect((await file.staff()).json()).toMatchObject({
      code: "attachment_unavailable",
      detail: expect.stringMatching(/could not be read/),
    });
    const detail = (await file.advisor.get(`/api/staff/tickets/${file.ticketId}`)).json();
    expect(detail.attachments[0]).toMatchObject({ status: "rejected", rejectedReason: "unreadable" });
    const processed = detail.history.find((e: { type: string }) => e.type === "ticket.attachment_processed");
    expect(processed?.data).toMatchObject({ attachmentId: file.id, status: "rejected", rejectedReason: "unreadable" });
    expect(await stored(file.originalKey)).toBe(false);
    expect((await jobOf(file.id))?.state).toBe("done");
  });

  it("retries a job that failed midway after a restart: meanwhile nothing is served and the original is kept", async () => {
    const file = await upload("kuva.jpg", await photo());
    const store = t.ctx.attachmentStore;
    const put = store.put.bind(store);
    // The cleaned photo is written, then the disk fails on its thumbnail: the job stops halfway.
    let failures = 0;
    store.put = async (key, data) => {
      if (key.endsWith(".thumb") && failures++ === 0) throw new Error("the disk is full (simulated)");
      return put(key, data);
    };
    try {
      const runner = new JobRunner(t.ctx.db, { concurrency: 1, pollMs: 50, minIntervalMs: 5, leaseMs: 60_000, onError: console.error });
      runner.register(t.ctx.jobKinds.photoCleaning).start();
      await waitFor(
        () => jobOf(file.id),
        (job) => job?.attempts === 1 && job.state === "queued",
      );
      await runner.stop();
    } finally {
      store.put = put;
    }
    expect(await jobOf(file.id)).toMatchObject({ state: "queued", attempts: 1, lastError: "the disk is full (simulated)" });
    expect((await file.tracked()).attachments[0]).toMatchObject({ status: "processing" });
    expect((await file.own()).statusCode).toBe(409);
    expect((await file.staff()).statusCode).toBe(409);
    expect(await stored(file.originalKey)).toBe(true);

    // A new runner (as after a restart) claims the retry, which runs every step again.
    await cleanPhotos(t.ctx);
    expect(await jobOf(file.id)).toMatchObject({ state: "done", attempts: 2 });
    expect((await file.tracked()).attachments[0]).toMatchObject({ status: "ready", hasThumbnail: true });
    expect((await file.own("/thumbnail")).statusCode).toBe(200);
    expect(await stored(file.originalKey)).toBe(false);
  });
});
