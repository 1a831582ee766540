/**
 * `npm run areas:import -- --org demo --file kaupunginosat.geojson [--crs EPSG:3067]`: adds an
 * organisation's districts from a GeoJSON file, updating those with the same code, in the
 * configured database (DATABASE_URL, or the PGlite data dir in DATA_DIR: stop a PGlite server
 * first). The coordinate system is EPSG:4326 or EPSG:3067: `--crs`, else the file's `crs`
 * member, else guessed from the coordinates. Bad features are listed and nothing is changed; exit code 1.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { organisations } from "./db/schema.ts";
import { AppError } from "./http/errors.ts";
import { type AreaCrs, areaCrses, parseAreaFile, upsertAreas } from "./modules/geocoding/area-import.ts";

async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" }, file: { type: "string" }, crs: { type: "string" } } });
  if (!values.org || !values.file)
    throw new ConfigError("usage: npm run areas:import -- --org <slug> --file <areas.geojson> [--crs EPSG:4326|EPSG:3067]");
  const crs = values.crs?.toUpperCase().replace(/^(\d+)$/, "EPSG:$1");
  if (crs && !(areaCrses as readonly string[]).includes(crs)) throw new ConfigError("--crs must be EPSG:4326 or EPSG:3067");
  const parsed = parseAreaFile(await readFile(values.file, "utf8"), crs as AreaCrs | undefined);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.resolve(config.dataDir, "pglite") });
  try {
    const [org] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, values.org));
    if (!org) throw new ConfigError(`no organisation "${values.org}"`);
    const { created, updated } = await database.db.transaction((tx) => upsertAreas(tx, org.id, parsed.rows));
    console.log(`areas of ${values.org} from ${parsed.crs}: ${created} added, ${updated} updated`);
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
