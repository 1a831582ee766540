import type { Config } from "./config.ts";
import type { Database, Db } from "./db/client.ts";
import { LoginThrottle } from "./modules/auth/throttle.ts";
import { EventPublisher } from "./modules/tickets/ticket-events.ts";

/** What services need to read and change data: the database and the publisher of live events. */
export type Store = { db: Db; events: EventPublisher };

/** What services need from the running application. */
export type AppContext = Store & {
  config: Config;
  database: Database;
  loginThrottle: LoginThrottle;
};

/** The context of one app process on `database`. */
export function createContext(config: Config, database: Database): AppContext {
  return {
    config,
    database,
    db: database.db,
    events: new EventPublisher(database.db, (error) => console.error("publishing live events failed", error)),
    loginThrottle: new LoginThrottle(),
  };
}
