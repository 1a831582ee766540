/**
 * `npm run audit:verify` as an operator runs it: a separate process on a PGlite data dir, which
 * exits 0 while the chains hold and 1 after a row was changed in SQL.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newTenant, SNAPSHOT_PATH } from "../test/harness.ts";
import { openPglite } from "./db/client.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "yhteys-verify-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function verify(): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "apps/server/src/audit-verify.ts"],
      { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, NODE_ENV: "test" } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe.skipIf(Boolean(process.env.DATABASE_URL))("npm run audit:verify", () => {
  // Starts the command as processes (tsx compiles on start): slow on a loaded machine.
  it("reports every chain as intact, then the first broken entry with exit code 1", { timeout: 120_000 }, async () => {
    const snapshot = await readFile(SNAPSHOT_PATH).catch(() => null);
    const database = await openPglite(path.join(dataDir, "pglite"), snapshot ? new Blob([snapshot]) : undefined);
    const tenant = await newTenant({ db: database.db });
    await database.db.execute(
      sql`SELECT audit_append(${tenant.id}, 'user', ${tenant.users.admin?.id}, 'ticket.read', 'ticket', NULL, NULL, NULL, '127.0.0.1', NULL, NULL)`,
    );
    await database.db.execute(
      sql`SELECT audit_append(${tenant.id}, 'user', ${tenant.users.admin?.id}, 'ticket.read', 'ticket', NULL, NULL, NULL, '127.0.0.1', NULL, NULL)`,
    );
    await database.close();

    const intact = await verify();
    expect(intact.out).toMatch(new RegExp(`ok +${tenant.slug}: 2 entries`));
    expect(intact.code).toBe(0);

    const tamper = await openPglite(path.join(dataDir, "pglite"));
    await tamper.db.execute(sql`UPDATE audit_entries SET ip = '10.9.9.9' WHERE organisation_id = ${tenant.id} AND seq = 1`);
    await tamper.close();
    const broken = await verify();
    expect(broken.out).toContain(`BROKEN ${tenant.slug}: lane 0, entry 1`);
    expect(broken.code).toBe(1);
  });
});
