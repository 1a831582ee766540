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

export type Schema = typeof schema;
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
  /** Calls `onMessage` for every NOTIFY on `channel`; returns a function that stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
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
  const listeners = new Set<pg.Client>();
  return {
    db,
    engine: "postgres",
    async listen(channel, onMessage) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      listeners.add(client);
      client.on("notification", (n) => n.channel === channel && n.payload !== undefined && onMessage(n.payload));
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        listeners.delete(client);
        await client.end();
      };
    },
    async close() {
      await Promise.all([...listeners].map((c) => c.end()));
      await pool.end();
    },
  };
}

export function openDatabase(options: { databaseUrl?: string; dataDir: string | null }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
