/** What the command-line imports (`addresses:import`, `areas:import`) share. */
import path from "node:path";
import { eq } from "drizzle-orm";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase, type Tx } from "./db/client.ts";
import { organisations } from "./db/schema.ts";
import { AppError } from "./http/errors.ts";

/**
 * Runs `change` in one transaction for the organisation `slug`, in the configured database
 * (DATABASE_URL, or the PGlite data dir in DATA_DIR).
 */
export async function importInto<T>(slug: string, change: (tx: Tx, organisationId: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.resolve(config.dataDir, "pglite") });
  try {
    const [org] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug));
    if (!org) throw new ConfigError(`no organisation "${slug}"`);
    return await database.db.transaction((tx) => change(tx, org.id));
  } finally {
    await database.close();
  }
}

/** Runs an import command; a usage error or bad rows are printed (each with its place) and the exit code is 1. */
export function runImport(main: () => Promise<void>): void {
  main().catch((err) => {
    if (err instanceof AppError) {
      console.error(err.message);
      for (const e of err.errors ?? []) console.error(`  ${e.path}: ${e.message}`);
    } else console.error(err instanceof ConfigError ? err.message : err);
    process.exitCode = 1;
  });
}
