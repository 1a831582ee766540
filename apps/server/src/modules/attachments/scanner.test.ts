import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, signIn, startTestApp, submitContact, type TestApp, uploadAttachment } from "../../../test/harness.ts";
import { ClamavScanner, instreamFrames, parseClamdReply } from "./scanner.ts";

describe("clamd INSTREAM protocol", () => {
  it("frames a file as the command, length-prefixed chunks and a zero length", () => {
    const data = Buffer.alloc(150_000, 7);
    const frames = instreamFrames(data, 65_536);
    expect(frames[0]?.toString()).toBe("zINSTREAM\0");
    const sizes = frames.slice(1).filter((_, i) => i % 2 === 0);
    expect(sizes.map((b) => b.readUInt32BE())).toEqual([65_536, 65_536, 18_928, 0]);
    expect(Buffer.concat(frames.slice(1).filter((_, i) => i % 2 === 1)).equals(data)).toBe(true);
    expect(instreamFrames(Buffer.alloc(0)).map((b) => b.length)).toEqual([10, 4]);
  });

  it("reads clamd's answers", () => {
    expect(parseClamdReply("stream: OK\0")).toEqual({ status: "clean" });
    expect(parseClamdReply("stream: Win.Test.EICAR_HDB-1 FOUND\0")).toEqual({ status: "infected", signature: "Win.Test.EICAR_HDB-1" });
    expect(() => parseClamdReply("INSTREAM size limit exceeded. ERROR\0")).toThrow(/size limit/);
    expect(() => parseClamdReply("")).toThrow(/nothing/);
  });
});

describe("an unreachable scanner", () => {
  it("keeps the file as pending: listed, never served, and the contact is not lost", async () => {
    const t = await startTestApp({ CLAMAV_URL: `tcp://127.0.0.1:${await freePort()}` });
    try {
      const tenant = await newTenant(t.ctx);
      const receipt = await submitContact(t.app, tenant);
      const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, "liite.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
      expect(res.statusCode).toBe(201);
      expect(res.json().scanStatus).toBe("pending");
      const base = `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}`;
      expect((await t.app.inject({ method: "GET", url: `${base}/attachments/${res.json().id}` })).statusCode).toBe(409);
      expect((await t.app.inject({ method: "GET", url: base })).json().attachments).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

/** Debian's clamd, if installed; the test gives it a database of one signature of its own (no downloads). */
const CLAMD = ["/usr/sbin/clamd", "/usr/bin/clamd"].find((p) => existsSync(p));
const MARKER = "YHTEYS-TEST-MALWARE-MARKER-5f2c9a";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

describe.skipIf(!CLAMD)("scanning with a real clamd (skipped: clamd is not installed; apt-get install clamav-daemon)", () => {
  let dir: string;
  let clamd: ChildProcess;
  let url: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "yhteys-clamd-"));
    const port = await freePort();
    url = `tcp://127.0.0.1:${port}`;
    await writeFile(path.join(dir, "yhteys.ndb"), `Yhteys.Test.Marker:0:*:${Buffer.from(MARKER).toString("hex")}\n`);
    await writeFile(
      path.join(dir, "clamd.conf"),
      [
        `DatabaseDirectory ${dir}`,
        `TCPSocket ${port}`,
        "TCPAddr 127.0.0.1",
        "Foreground yes",
        `LogFile ${dir}/clamd.log`,
        `PidFile ${dir}/clamd.pid`,
      ]
        .map((l) => `${l}\n`)
        .join(""),
    );
    clamd = spawn(CLAMD as string, ["--config-file", path.join(dir, "clamd.conf")], { stdio: "ignore" });
    const scanner = new ClamavScanner(url, 2_000);
    for (let i = 0; i < 300; i++) {
      if (
        await scanner.scan(Buffer.from("ping")).then(
          () => true,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    t = await startTestApp({ CLAMAV_URL: url });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    clamd?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it("finds the signature and passes a clean file", async () => {
    const scanner = new ClamavScanner(url);
    expect(await scanner.scan(Buffer.from("%PDF-1.4 nothing to see"))).toEqual({ status: "clean" });
    const infected = await scanner.scan(Buffer.concat([Buffer.alloc(100_000, 32), Buffer.from(MARKER), Buffer.alloc(100_000, 32)]));
    expect(infected).toEqual({ status: "infected", signature: "Yhteys.Test.Marker.UNOFFICIAL" });
  });

  it("quarantines an infected upload: listed, never served", async () => {
    const tenant = await newTenant(t.ctx);
    const receipt = await submitContact(t.app, tenant);
    const pdf = Buffer.from(`%PDF-1.4\n% ${MARKER}\n%%EOF\n`);
    const res = await uploadAttachment(t.app, tenant, receipt.trackingToken, "lasku.pdf", pdf);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().scanStatus).toBe("infected");
    const own = await t.app.inject({
      method: "GET",
      url: `/api/public/${tenant.slug}/contacts/${receipt.trackingToken}/attachments/${res.json().id}`,
    });
    expect(own.statusCode).toBe(409);
    const advisor = await signIn(t.app, tenant, "advisor");
    const ticketId = (await advisor.get(`/api/staff/tickets?q=${receipt.reference}`)).json().items[0].id;
    const staff = await advisor.get(`/api/staff/tickets/${ticketId}/attachments/${res.json().id}`);
    expect(staff.statusCode).toBe(409);
    expect(staff.json()).toMatchObject({ code: "attachment_unavailable", detail: expect.stringMatching(/quarantined/) });
    const clean = await uploadAttachment(t.app, tenant, receipt.trackingToken, "ok.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
    expect(clean.json().scanStatus).toBe("clean");
  });
});
