/** Starts Yhteys: configuration, database (migrated), demo data in demo mode, HTTP server. */
import path from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { createContext } from "./context.ts";
import { openDatabase } from "./db/client.ts";
import { buildApp } from "./http/app.ts";
import { seedDemo } from "./modules/demo/demo.ts";

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.resolve(config.dataDir, "pglite") });
  const ctx = createContext(config, database);
  if (config.demo) await seedDemo(ctx.db);
  const app = await buildApp(ctx);
  database.onConnectionError((err) => app.log.error({ err }, "database connection error"));
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Yhteys is running on ${config.publicUrl} (database: ${database.engine}${config.demo ? ", demo data" : ""})`);
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  console.error(err);
  process.exit(1);
});
