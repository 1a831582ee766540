import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import type { LoginThrottle } from "./modules/auth/throttle.ts";

/** What services need from the running application. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  loginThrottle: LoginThrottle;
};
