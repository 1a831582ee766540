/**
 * The real application in this process on a real database, listening on loopback, with a
 * hello-world route beside it so that every figure can be put against the same process's ceiling.
 */
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../apps/server/src/config.ts";
import { type AppContext, createContext } from "../../apps/server/src/context.ts";
import type { Database } from "../../apps/server/src/db/client.ts";
import { buildApp } from "../../apps/server/src/http/app.ts";
import { DEMO_PASSWORD, type SeededOrganisation } from "../../apps/server/src/modules/demo/demo.ts";

export const HELLO_PATH = "/bench/hello";

export type RunningApp = { app: FastifyInstance; ctx: AppContext; url: string; close: () => Promise<void> };

/**
 * Starts the application on `database` at 127.0.0.1 on a free port. Request logging is off
 * (as with LOG_LEVEL=warn), and the public rate limit is out of the way; `env` adds configuration.
 */
export async function startApp(database: Database, env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({
    ...env,
    NODE_ENV: "production",
    SECRET: "bench-secret-bench-secret-bench-secret",
    DEMO: "false",
    LOG_LEVEL: "warn",
    PUBLIC_RATE_LIMIT: "100000000",
  });
  const ctx = createContext(config, database);
  const app = await buildApp(ctx, { logger: false });
  app.get(HELLO_PATH, { schema: { hide: true } }, async () => ({ hello: "world" }));
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    ctx,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Signs a seeded user in over HTTP and returns the headers of their session. */
export async function staffHeaders(url: string, org: SeededOrganisation, userKey: string): Promise<Record<string, string>> {
  const email = org.users[userKey]?.email;
  if (!email) throw new Error(`no user ${userKey}`);
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ organisation: org.slug, email, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("yhteys_session="));
  if (!session) throw new Error("no session cookie");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: session, "x-csrf-token": csrfToken };
}
