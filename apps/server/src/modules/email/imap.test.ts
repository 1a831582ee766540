/**
 * The IMAP reader against dovecot on loopback (IDLE, unreachable servers, folders over several
 * fetches) and the mailbox admin API.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newTenant, signIn, waitFor } from "../../../test/harness.ts";
import { mailboxes } from "../../db/schema.ts";
import { rawEmail } from "./imap.dovecot.ts";
import { MailboxReader, readOpenMailbox } from "./imap.ts";
import { base, check, dovecot, log, mailboxRow, setUp, t, ticketsOf, useMailServers } from "./incoming.fixture.ts";

useMailServers();

describe("the reader", () => {
  it("picks up new mail while it waits (IDLE) and records an unreachable server as an error", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    const reader = new MailboxReader(t.ctx, mailboxId, { pollMs: 60_000, log: () => {} }).start();
    try {
      await waitFor(
        () => mailboxRow(mailboxId),
        (m) => m.status === "ok",
      );
      // The poll is a minute away: only the server's announcement can bring this in.
      await dovecot.append(folder, [rawEmail({ messageId: "<idle@example.test>" })]);
      const rows = await waitFor(
        () => ticketsOf(tenant.id),
        (r) => r.length === 1,
      );
      expect(rows).toHaveLength(1);
    } finally {
      await reader.stop();
    }

    await t.ctx.db.update(mailboxes).set({ imapPort: 1 }).where(eq(mailboxes.id, mailboxId));
    await check(mailboxId);
    const broken = await mailboxRow(mailboxId);
    expect(broken.status).toBe("error");
    expect(broken.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(broken.lastError).not.toContain(dovecot.password);
  });

  it("reads a folder in order even when it spans several fetches", async () => {
    const { tenant, folder, mailboxId } = await setUp();
    await dovecot.append(
      folder,
      Array.from({ length: 130 }, (_, i) => rawEmail({ messageId: `<many-${i}@example.test>`, subject: `Viesti ${i}` })),
    );
    const client = await dovecot.client();
    const order: number[] = [];
    try {
      const result = await readOpenMailbox(t.ctx, client, mailboxId, { log, onIngested: (_o, uid) => order.push(uid) });
      expect(result).toEqual({ fetched: 130, ingested: 130, duplicates: 0 });
    } finally {
      await client.logout();
    }
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect((await mailboxRow(mailboxId)).lastUid).toBe(order.at(-1));
    expect(await ticketsOf(tenant.id)).toHaveLength(130);
  });
});

describe("the mailbox admin API", () => {
  it("never returns the password, checks routing and addresses, and is for technical admins only", async () => {
    const { tenant, admin, mailboxId, folder } = await setUp();
    const listed = await admin.get(base);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(dovecot.password);
    expect(listed.json().items[0]).toMatchObject({
      id: mailboxId,
      kind: "imap",
      status: "pending",
      imap: { host: dovecot.host, folder, hasPassword: true },
    });

    await dovecot.append(folder, [rawEmail({ messageId: "<api-check@example.test>" })]);
    const checked = await admin.post(`${base}/${mailboxId}/check`);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ ingested: 1, mailbox: { status: "ok", ingested: 1, lastError: null } });

    const patched = await admin.patch(`${base}/${mailboxId}`, { imap: { password: "new-secret-password" }, active: false });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain("new-secret-password");
    expect((await mailboxRow(mailboxId)).imapPassword).toBe("new-secret-password");

    const smtp = await admin.post(base, {
      address: `palaute@${tenant.slug}.test`,
      kind: "smtp",
      groupId: tenant.groups.green,
      categoryId: tenant.categories.other,
    });
    expect(smtp.statusCode).toBe(201);
    expect(smtp.json().imap).toBeNull();
    const same = await admin.post(base, {
      address: `PALAUTE@${tenant.slug}.test`,
      kind: "smtp",
      groupId: tenant.groups.green,
      categoryId: tenant.categories.other,
    });
    expect(same.statusCode).toBe(409);
    const required = await admin.post(base, {
      address: `valot@${tenant.slug}.test`,
      kind: "smtp",
      groupId: tenant.groups.streets,
      categoryId: tenant.categories["street-lighting"],
    });
    expect(required.statusCode).toBe(400);
    const noImap = await admin.post(base, {
      address: `x@${tenant.slug}.test`,
      kind: "imap",
      groupId: tenant.groups.streets,
      categoryId: tenant.categories.other,
    });
    expect(noImap.statusCode).toBe(400);
    expect(noImap.headers["content-type"]).toContain("application/problem+json");

    const other = await newTenant(t.ctx);
    const otherAdmin = await signIn(t.app, other, "admin");
    expect((await otherAdmin.patch(`${base}/${mailboxId}`, { active: true })).statusCode).toBe(404);
    const expert = await signIn(t.app, tenant, "expert");
    expect((await expert.get(base)).statusCode).toBe(403);

    expect((await admin.delete(`${base}/${smtp.json().id}`)).statusCode).toBe(204);
    expect((await admin.get(base)).json().items).toHaveLength(1);
  });
});
