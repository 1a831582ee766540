/**
 * `npm run audit:verify`: verifies every organisation's audit hash chain in the configured
 * database (DATABASE_URL, or the PGlite data dir in DATA_DIR; stop the server first when it uses
 * PGlite, which allows one process at a time). Prints each chain's head (record it elsewhere to
 * anchor the chain) and exits with 1 at the first broken entry of any organisation.
 */
import path from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { verifyAllChains } from "./modules/audit/audit-chain.ts";

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.resolve(config.dataDir, "pglite") });
  try {
    const reports = await verifyAllChains(database.db);
    let broken = 0;
    for (const r of reports) {
      if (r.broken) {
        broken += 1;
        const where = [r.broken.lane === null ? null : `lane ${r.broken.lane}`, r.broken.seq === null ? null : `entry ${r.broken.seq}`]
          .filter(Boolean)
          .join(", ");
        console.log(
          `BROKEN ${r.slug}: ${where ? `${where}` : "log"}${r.broken.entryId ? ` (id ${r.broken.entryId})` : ""}: ${r.broken.reason}`,
        );
      } else console.log(`ok     ${r.slug}: ${r.entries} entries in ${r.lanes.filter((l) => l.entries).length} lanes, seal ${r.seal}`);
    }
    console.log(broken ? `${broken} of ${reports.length} audit chains are broken` : `all ${reports.length} audit chains verify`);
    process.exitCode = broken ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 2;
});
