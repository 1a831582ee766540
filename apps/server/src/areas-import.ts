/**
 * `npm run areas:import -- --org demo --file kaupunginosat.geojson [--crs EPSG:3067]`: adds an
 * organisation's districts from a GeoJSON file, updating those with the same code, in the
 * configured database (DATABASE_URL, or the PGlite data dir in DATA_DIR: stop a PGlite server
 * first). The coordinate system is EPSG:4326 or EPSG:3067: `--crs`, else the file's `crs`
 * member, else guessed from the coordinates. Bad features are listed and nothing is changed; exit code 1.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ConfigError } from "./config.ts";
import { importInto, runImport } from "./import-command.ts";
import { type AreaCrs, areaCrses, parseAreaFile, upsertAreas } from "./modules/geocoding/area-import.ts";

async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" }, file: { type: "string" }, crs: { type: "string" } } });
  if (!values.org || !values.file)
    throw new ConfigError("usage: npm run areas:import -- --org <slug> --file <areas.geojson> [--crs EPSG:4326|EPSG:3067]");
  const crs = values.crs?.toUpperCase().replace(/^(\d+)$/, "EPSG:$1");
  if (crs && !(areaCrses as readonly string[]).includes(crs)) throw new ConfigError("--crs must be EPSG:4326 or EPSG:3067");
  const parsed = parseAreaFile(await readFile(values.file, "utf8"), crs as AreaCrs | undefined);
  const { created, updated } = await importInto(values.org, (tx, organisationId) => upsertAreas(tx, organisationId, parsed.rows));
  console.log(`areas of ${values.org} from ${parsed.crs}: ${created} added, ${updated} updated`);
}

runImport(main);
