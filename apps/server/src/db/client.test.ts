import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgres } from "./client.ts";

const url = process.env.DATABASE_URL;

describe.skipIf(!url)("server PostgreSQL connections", () => {
  it("survives a killed listening connection: reports it, reconnects, and hears notifications again", async () => {
    const database = await openPostgres(url as string, 2);
    const errors: Error[] = [];
    database.onConnectionError((e) => errors.push(e));
    const heard: string[] = [];
    const stop = await database.listen("yhteys_client_test", (p) => heard.push(p));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const notify = (payload: string) => admin.query("SELECT pg_notify('yhteys_client_test', $1)", [payload]);
      await notify("before");
      await expect.poll(() => heard).toEqual(["before"]);

      // What a PostgreSQL restart or failover does to the connection.
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'yhteys-listen' AND datname = current_database() AND pid <> pg_backend_pid()",
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      await expect.poll(() => errors.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await expect
        .poll(
          async () => {
            await notify("after");
            return heard.includes("after");
          },
          { timeout: 10_000, interval: 300 },
        )
        .toBe(true);
    } finally {
      await admin.end();
      await stop();
      await database.close();
    }
  });
});
