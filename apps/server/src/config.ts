/**
 * Configuration from the environment, validated at boot: the process refuses to start on bad
 * config and says why. Nothing here is sent to browsers.
 */
import path from "node:path";
import { MapCrs, type MapSource, TileMatrix, TileUrlTemplate } from "@yhteys/contracts";
import { z } from "zod";

const Env = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().default("0.0.0.0"),
    /** Server PostgreSQL; without it the embedded PGlite database in DATA_DIR is used. */
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default("./data"),
    /** Demo mode fills an empty database with Demo City. Default: on without DATABASE_URL. */
    DEMO: z.enum(["true", "false"]).optional(),
    /** Signs cookies and derives other secrets; required in production. */
    SECRET: z.string().min(32, "SECRET must be at least 32 characters").optional(),
    /** The organisation that `/` and the console's login use when none is named. */
    DEFAULT_ORGANISATION: z.string().default("demo"),
    /** Public base URL, used in links sent to residents. */
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Public submissions per minute per client address. */
    PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    /** Comma-separated addresses or CIDRs of proxies whose X-Forwarded-For is trusted. */
    TRUST_PROXY: z.string().optional(),
    /** Attachments per ticket, and bytes per attached file. */
    ATTACHMENT_MAX_FILES: z.coerce.number().int().min(0).max(100).default(5),
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** Where the local-disk attachment store keeps files; default DATA_DIR/attachments. */
    ATTACHMENTS_DIR: z.string().optional(),
    /** clamd for virus scanning (tcp://host:port); without it attachments are not scanned. */
    CLAMAV_URL: z
      .string()
      .regex(/^tcp:\/\/[^\s:/]+:\d{1,5}$/, "CLAMAV_URL must look like tcp://host:3310")
      .optional(),
    /** Background jobs (webhook deliveries, the outbox relay) in this process; `off` for a web-only process. */
    JOBS: z.enum(["on", "off"]).default("on"),
    /** Jobs running at once in this process. */
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    /** Longest pause between two looks for due jobs and new events (they also start on a nudge after commit). */
    JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    /** Allow webhooks to loopback and private addresses in production (always allowed outside it). */
    WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"]).default("false"),
    /** First retry delay of a failed webhook delivery; later ones double, up to 240 times this. */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(60_000),
    /** Attempts of a webhook delivery before it is a dead letter (the default spans about 24 h). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(14),
    /** How often each request forwarded to an external Open311 system is polled for its status and notes. */
    OPEN311_POLL_MS: z.coerce.number().int().min(50).default(300_000),
    /** Outgoing email relay, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@mail.example:465; without it emails are recorded as not sent. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, "SMTP_URL must look like smtp://host:port or smtps://user:password@host:465")
      .optional(),
    /** First retry delay of an email the relay refused for now (4xx, no connection); later ones double, up to 240 times this. */
    EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).default(60_000),
    /** Attempts of an email before it has failed (the default spans about 12 h). */
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    /** How long after a notification its immediate email waits, so that a user who sees it in the console meanwhile gets none. */
    NOTIFY_EMAIL_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
    /** Longest pause between two reads of an IMAP mailbox when the server announces nothing (IDLE wakes it sooner). */
    IMAP_POLL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    /** Port of the inbound SMTP listener for `smtp` mailboxes; off when unset. */
    SMTP_LISTEN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    SMTP_LISTEN_HOST: z.string().default("0.0.0.0"),
    /** Largest email the SMTP listener accepts (552 above it). */
    SMTP_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(25 * 1024 * 1024),
    /** The portal's base map: a raster tile template (XYZ or WMTS, see TileUrlTemplate); without one a plain background. */
    MAP_TILE_URL: TileUrlTemplate.optional(),
    /** The tiles' coordinate system: EPSG:3857 (Web Mercator XYZ) or EPSG:3067 (ETRS-TM35FIN WMTS). */
    MAP_CRS: MapCrs.default("EPSG:3857"),
    /** EPSG:3067 only: the service's grid as JSON {"origin":[x,y],"resolutions":[…]}; default the JHS 180 grid. */
    MAP_TILE_MATRIX: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: 'MAP_TILE_MATRIX must be JSON: {"origin":[x,y],"resolutions":[…]}' });
          return z.NEVER;
        }
      })
      .pipe(TileMatrix)
      .optional(),
    /** Removed: MapLibre styles are no longer drawn (the portal's maps are raster tiles in Leaflet). */
    MAP_STYLE_URL: z.string().optional(),
    /** Attribution shown on the map for its tiles (required by most tile licences). */
    MAP_ATTRIBUTION: z.string().max(300).optional(),
  })
  .transform((e) => ({ ...e, demo: e.DEMO ? e.DEMO === "true" : !e.DATABASE_URL }))
  .superRefine((e, ctx) => {
    if (e.MAP_STYLE_URL)
      ctx.addIssue({
        code: "custom",
        path: ["MAP_STYLE_URL"],
        message: "MAP_STYLE_URL is no longer supported: set MAP_TILE_URL to a raster XYZ or WMTS tile template (see docs/fi/kartta.md)",
      });
    if (e.MAP_TILE_MATRIX && e.MAP_CRS !== "EPSG:3067")
      ctx.addIssue({ code: "custom", path: ["MAP_TILE_MATRIX"], message: "MAP_TILE_MATRIX is for MAP_CRS=EPSG:3067 only" });
    if (e.NODE_ENV !== "production") return;
    if (!e.SECRET) ctx.addIssue({ code: "custom", path: ["SECRET"], message: "SECRET is required in production" });
    if (e.demo)
      ctx.addIssue({
        code: "custom",
        path: ["DEMO"],
        message: "demo users (password 'demo') are not allowed in production: set DEMO=false",
      });
  });

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  secret: string;
  defaultOrganisation: string;
  publicUrl: string;
  logLevel: string;
  trustProxy: string[] | false;
  publicRateLimit: number;
  attachments: { maxFiles: number; maxBytes: number; dir: string; clamavUrl: string | undefined };
  jobs: { enabled: boolean; concurrency: number; pollMs: number };
  webhooks: { allowPrivate: boolean; retryBaseMs: number; maxAttempts: number };
  open311Client: { pollMs: number };
  email: { smtpUrl: string | null; retryBaseMs: number; maxAttempts: number; notifyDelayMs: number };
  map: MapSource;
  incomingEmail: { imapPollMs: number; smtpPort: number | null; smtpHost: string; smtpMaxBytes: number };
};

/** A fixed development secret; production refuses to start without its own. */
const DEVELOPMENT_SECRET = "yhteys-development-secret-not-for-production";

export class ConfigError extends Error {}

/** Reads and validates configuration; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    demo: e.demo,
    secret: e.SECRET ?? DEVELOPMENT_SECRET,
    defaultOrganisation: e.DEFAULT_ORGANISATION,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY ? e.TRUST_PROXY.split(",").map((s) => s.trim()) : false,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    attachments: {
      maxFiles: e.ATTACHMENT_MAX_FILES,
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      dir: e.ATTACHMENTS_DIR ?? path.join(e.DATA_DIR, "attachments"),
      clamavUrl: e.CLAMAV_URL,
    },
    jobs: { enabled: e.JOBS === "on", concurrency: e.JOBS_CONCURRENCY, pollMs: e.JOBS_POLL_MS },
    webhooks: {
      // Outside production, receivers on this machine (development, tests) are expected.
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === "true" || e.NODE_ENV !== "production",
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    },
    open311Client: { pollMs: e.OPEN311_POLL_MS },
    email: {
      smtpUrl: e.SMTP_URL ?? null,
      retryBaseMs: e.EMAIL_RETRY_BASE_MS,
      maxAttempts: e.EMAIL_MAX_ATTEMPTS,
      notifyDelayMs: e.NOTIFY_EMAIL_DELAY_MS,
    },
    map: {
      crs: e.MAP_CRS,
      tileUrl: e.MAP_TILE_URL ?? null,
      attribution: e.MAP_ATTRIBUTION ?? null,
      tileMatrix: e.MAP_TILE_MATRIX ?? null,
    },
    incomingEmail: {
      imapPollMs: e.IMAP_POLL_MS,
      smtpPort: e.SMTP_LISTEN_PORT ?? null,
      smtpHost: e.SMTP_LISTEN_HOST,
      smtpMaxBytes: e.SMTP_MAX_BYTES,
    },
  };
}
