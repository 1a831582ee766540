/**
 * `npm run addresses:import -- --org demo --file osoitteet.csv`: replaces an organisation's
 * address list with a CSV or GeoJSON file (by its extension, or `--format csv|geojson`) in the
 * configured database (DATABASE_URL, or the PGlite data dir in DATA_DIR: stop a PGlite server
 * first). Bad rows are listed with their line numbers and nothing is changed; exit code 1.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { organisations } from "./db/schema.ts";
import { AppError } from "./http/errors.ts";
import { parseAddressFile, replaceAddresses } from "./modules/geocoding/address-import.ts";

async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" }, file: { type: "string" }, format: { type: "string" } } });
  if (!values.org || !values.file) throw new ConfigError("usage: npm run addresses:import -- --org <slug> --file <addresses.csv|.geojson>");
  const format = values.format ?? (/\.(geo)?json$/i.test(values.file) ? "geojson" : "csv");
  if (format !== "csv" && format !== "geojson") throw new ConfigError("--format must be csv or geojson");
  const rows = parseAddressFile(await readFile(values.file, "utf8"), format);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.resolve(config.dataDir, "pglite") });
  try {
    const [org] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, values.org));
    if (!org) throw new ConfigError(`no organisation "${values.org}"`);
    const count = await database.db.transaction((tx) => replaceAddresses(tx, org.id, rows));
    console.log(`imported ${count} addresses for ${values.org}`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof AppError) {
    console.error(err.message);
    for (const e of err.errors ?? []) console.error(`  ${e.path}: ${e.message}`);
  } else console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
});
