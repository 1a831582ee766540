/**
 * `npm run addresses:import -- --org demo --file osoitteet.csv`: replaces an organisation's
 * address list with a CSV or GeoJSON file (by its extension, or `--format csv|geojson`) in the
 * configured database (DATABASE_URL, or the PGlite data dir in DATA_DIR: stop a PGlite server
 * first). Bad rows are listed with their line numbers and nothing is changed; exit code 1.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { ConfigError } from "./config.ts";
import { importInto, runImport } from "./import-command.ts";
import { parseAddressFile, replaceAddresses } from "./modules/geocoding/address-import.ts";

async function main() {
  const { values } = parseArgs({ options: { org: { type: "string" }, file: { type: "string" }, format: { type: "string" } } });
  if (!values.org || !values.file) throw new ConfigError("usage: npm run addresses:import -- --org <slug> --file <addresses.csv|.geojson>");
  const format = values.format ?? (/\.(geo)?json$/i.test(values.file) ? "geojson" : "csv");
  if (format !== "csv" && format !== "geojson") throw new ConfigError("--format must be csv or geojson");
  const rows = parseAddressFile(await readFile(values.file, "utf8"), format);
  const count = await importInto(values.org, (tx, organisationId) => replaceAddresses(tx, organisationId, rows));
  console.log(`imported ${count} addresses for ${values.org}`);
}

runImport(main);
