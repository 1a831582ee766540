/**
 * One database API over two engines: embedded PGlite (default) or server PostgreSQL.
 * Both are driven through Drizzle; LISTEN/NOTIFY works on both and carries live events.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema.ts";

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Queryable = Db | Tx;

/** Runs raw SQL and returns its rows (both drivers answer with `{ rows }`). */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Whether an error (or its cause, as drivers and Drizzle wrap them) is a unique-constraint violation. */
export const isUniqueViolation = (e: unknown): boolean =>
  (e as { code?: string })?.code === "23505" || (e instanceof Error && e.cause !== undefined && isUniqueViolation(e.cause));

export interface Database {
  db: Db;
  engine: "pglite" | "postgres";
  /**
   * Calls `onMessage` for every NOTIFY on `channel`; returns a function that stops listening.
   * On server PostgreSQL a lost listening connection (a restart, a failover) is re-opened; the
   * notifications sent meanwhile are lost, which costs only live hints.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Where connection errors outside any query go (a dropped idle or listening connection). */
  onConnectionError(handler: (error: Error) => void): void;
  close(): Promise<void>;
  /** PGlite only: the whole data dir as a tarball, to start other instances from. */
  dump?: () => Promise<Blob | File>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Opens PGlite in `dataDir` (or in memory when null), optionally starting from a dumped data dir. */
export async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ?? undefined, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
  return {
    db,
    engine: "pglite",
    async listen(channel, onMessage) {
      const stop = await client.listen(channel, onMessage);
      return async () => stop();
    },
    close: () => client.close(),
    dump: () => client.dumpDataDir("none"),
    // In-process: there are no connections to lose.
    onConnectionError: () => {},
  };
}

/** Connects to server PostgreSQL and migrates it. */
export async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  const migrator = new pg.Client({ connectionString: url });
  await migrator.connect();
  try {
    // One migrator at a time when many app processes start together.
    await migrator.query("SELECT pg_advisory_lock(7311)");
    await migrateNodePg(drizzleNodePg(migrator, { schema }), { migrationsFolder });
  } finally {
    await migrator.end();
  }
  let report = (error: Error) => console.error(JSON.stringify({ level: 50, msg: "database connection error", err: error.message }));
  // An idle pooled connection that dies emits here; without a handler the process would exit.
  pool.on("error", (error) => report(error));
  const listeners = new Set<{ stop: () => Promise<void> }>();
  return {
    db,
    engine: "postgres",
    async listen(channel, onMessage) {
      let client: pg.Client | null = null;
      let stopped = false;
      let retryMs = 500;
      const open = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url, application_name: "yhteys-listen" });
        c.on("error", (error) => {
          report(error);
          if (client === c) reopen();
        });
        c.on("notification", (n) => n.channel === channel && n.payload !== undefined && onMessage(n.payload));
        await c.connect();
        await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = c;
        retryMs = 500;
      };
      const reopen = () => {
        const lost = client;
        client = null;
        void lost?.end().catch(() => {});
        if (stopped) return;
        setTimeout(() => {
          if (stopped) return;
          open().catch((error: Error) => {
            report(error);
            retryMs = Math.min(retryMs * 2, 30_000);
            reopen();
          });
        }, retryMs).unref();
      };
      await open();
      const listener = {
        stop: async () => {
          stopped = true;
          listeners.delete(listener);
          await client?.end().catch(() => {});
        },
      };
      listeners.add(listener);
      return listener.stop;
    },
    onConnectionError(handler) {
      report = handler;
    },
    async close() {
      await Promise.all([...listeners].map((l) => l.stop()));
      await pool.end();
    },
  };
}

export function openDatabase(options: { databaseUrl?: string; dataDir: string | null }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
