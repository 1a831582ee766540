/**
 * Test harness: a real database (PGlite in memory, or server PostgreSQL when DATABASE_URL is
 * set), the real application, and a fresh tenant per test so that tests never share data.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import type { FastifyInstance, InjectOptions } from "fastify";
import { loadConfig } from "../src/config.ts";
import { type AppContext, createContext } from "../src/context.ts";
import { type Database, type Db, openPglite, openPostgres } from "../src/db/client.ts";
import { jobs } from "../src/db/schema.ts";
import { type BuildOptions, buildApp } from "../src/http/app.ts";
import { hashPassword } from "../src/modules/auth/passwords.ts";
import { DEMO_PASSWORD, type SeededOrganisation, seedOrganisation } from "../src/modules/demo/demo.ts";
import { JobRunner } from "../src/modules/jobs/job-runner.ts";
import { createTicket } from "../src/modules/tickets/ticket-creation.ts";

/** The migrated empty database, dumped once per run; one per checkout, since branches' schemas differ. */
const checkout = createHash("sha256")
  .update(import.meta.dirname)
  .digest("hex")
  .slice(0, 12);
export const SNAPSHOT_PATH = path.join(tmpdir(), `yhteys-test-snapshot-${process.getuid?.() ?? 0}-${checkout}.tar`);

/** Attachment files written by tests (keys are unique per tenant, so runs can share it). */
export const TEST_ATTACHMENTS_DIR = path.join(tmpdir(), `yhteys-test-attachments-${process.getuid?.() ?? 0}`);

export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url, 5);
  const snapshot = await readFile(SNAPSHOT_PATH).catch(() => null);
  return openPglite(null, snapshot ? new Blob([snapshot]) : undefined);
}

export type TestApp = { app: FastifyInstance; ctx: AppContext; close: () => Promise<void> };

/** The application on a test database (a new one unless given); `env` overrides configuration. */
export async function startTestApp(
  env: Record<string, string> = {},
  existing?: Database,
  options: BuildOptions = { logger: false },
): Promise<TestApp> {
  const database = existing ?? (await openTestDatabase());
  const config = loadConfig({
    NODE_ENV: "test",
    DEMO: "false",
    LOG_LEVEL: "silent",
    PUBLIC_RATE_LIMIT: "10000",
    ATTACHMENTS_DIR: TEST_ATTACHMENTS_DIR,
    JOBS: "off",
    ...env,
  });
  const ctx = createContext(config, database);
  const app = await buildApp(ctx, options);
  await app.ready();
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** A new organisation with Demo City's catalogue and users (password `demo`) and no tickets. */
export async function newTenant(ctx: Pick<AppContext, "db">): Promise<SeededOrganisation> {
  passwordHash ??= hashPassword(DEMO_PASSWORD);
  const slug = `t-${randomBytes(6).toString("hex")}`;
  return seedOrganisation(ctx.db, {
    slug,
    emailDomain: `${slug}.test`,
    apiKey: randomBytes(16).toString("hex"),
    passwordHash: await passwordHash,
  });
}

type Response = Awaited<ReturnType<FastifyInstance["inject"]>>;
export type Client = {
  request: (options: InjectOptions) => Promise<Response>;
  get: (url: string) => Promise<Response>;
  post: (url: string, payload?: unknown) => Promise<Response>;
  patch: (url: string, payload?: unknown) => Promise<Response>;
  put: (url: string, payload?: unknown) => Promise<Response>;
  delete: (url: string) => Promise<Response>;
  cookie: string;
  csrfToken: string;
};

/** Signs a tenant's user in and returns a client that sends their cookie and CSRF token. */
export async function signIn(app: FastifyInstance, tenant: SeededOrganisation, userKey: string): Promise<Client> {
  const email = tenant.users[userKey]?.email;
  if (!email) throw new Error(`no user ${userKey}`);
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { organisation: tenant.slug, email, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === "yhteys_session");
  if (!setCookie) throw new Error("no session cookie");
  const cookie = `yhteys_session=${setCookie.value}`;
  const csrfToken = res.json().csrfToken as string;
  const request = (options: InjectOptions) =>
    app.inject({ ...options, headers: { cookie, "x-csrf-token": csrfToken, ...(options.headers ?? {}) } });
  return {
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, payload) => request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload) => request({ method: "PATCH", url, payload: payload as object }),
    put: (url, payload) => request({ method: "PUT", url, payload: payload as object }),
    delete: (url) => request({ method: "DELETE", url }),
    cookie,
    csrfToken,
  };
}

/** Sends a contact through the public API and returns the receipt. */
export async function submitContact(app: FastifyInstance, tenant: SeededOrganisation, body: Record<string, unknown> = {}) {
  const res = await app.inject({
    method: "POST",
    url: `/api/public/${tenant.slug}/contacts`,
    payload: { categoryId: tenant.categories.potholes, description: "Syvä kuoppa suojatien vieressä", ...body },
  });
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return res.json() as { reference: string; trackingToken: string };
}

/** A multipart/form-data body with one file in the field `file`, for `app.inject`. */
function multipartFile(fileName: string, data: Buffer, contentType = "application/octet-stream") {
  const boundary = `----yhteys${randomBytes(8).toString("hex")}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file to a contact with its tracking token, as the portal does. */
export function uploadAttachment(app: FastifyInstance, tenant: SeededOrganisation, trackingToken: string, fileName: string, data: Buffer) {
  return app.inject({
    method: "POST",
    url: `/api/public/${tenant.slug}/contacts/${trackingToken}/attachments`,
    ...multipartFile(fileName, data),
  });
}

/**
 * Runs the photo-cleaning jobs queued so far to their end with a runner of their own (test apps
 * mostly run with JOBS=off), so that uploaded photos are `ready` or `rejected` afterwards.
 */
export async function cleanPhotos(ctx: AppContext): Promise<void> {
  const job = ctx.jobKinds.photoCleaning;
  const runner = new JobRunner(ctx.db, { concurrency: 2, pollMs: 50, minIntervalMs: 5, leaseMs: 60_000, onError: console.error });
  runner.register(job).start();
  const waiting = async () =>
    (
      await ctx.db
        .select({ n: count() })
        .from(jobs)
        .where(and(eq(jobs.name, job.name), inArray(jobs.state, ["queued", "running"])))
    )[0]?.n ?? 0;
  try {
    await waitFor(waiting, (n) => n === 0);
  } finally {
    await runner.stop();
  }
}

/** Reads `read()` every 20 ms until `done` holds for its value or `ms` pass; returns the last value. */
export async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Writes `count` tickets straight to the database (one `ticket.created` event each), as the system. */
export async function createTickets(db: Db, tenant: SeededOrganisation, count: number): Promise<void> {
  const organisation = { id: tenant.id, referencePrefix: "YH" };
  const actor = { kind: "system", organisationId: tenant.id } as const;
  const categoryId = tenant.categories.potholes ?? "";
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      createTicket(
        db,
        { organisation, categoryId, description: `Kuoppa ${i}`, channel: "web", language: "fi", extraFields: {}, wantsReply: false },
        actor,
      ),
    ),
  );
}
