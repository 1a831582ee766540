/**
 * An organisation's theme: the colours, radius, font and display name that technical admins set
 * (refused unless every colour pair meets WCAG 2.1 AA contrast), its logo (PNG or WebP, sniffed,
 * bounded and re-encoded), and the stylesheet the portal and the embed load before first paint.
 */
import { createHash } from "node:crypto";
import {
  checkContrast,
  defaultTheme,
  formatRatio,
  LOGO_MAX_BYTES,
  LOGO_MAX_SIDE,
  logoMediaTypes,
  type Theme,
  type ThemeInput,
  themeVariables,
} from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import type { Queryable } from "../../db/client.ts";
import { organisations, organisationThemes } from "../../db/schema.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import type { StaffActor } from "../auth/actor.ts";

/** What public requests need of a theme, without the logo's bytes. */
export type ThemeState = {
  slug: string;
  settings: ThemeInput;
  custom: boolean;
  /** The stylesheet (`html:root { --yh-…: … }`) and its version, or null with the defaults. */
  css: { text: string; version: string } | null;
  logo: { contentType: string; sha256: string } | null;
};

const TTL_MS = 300_000;
const cache = new Map<string, { state: ThemeState; until: number }>();

const version = (text: string | Buffer) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * The theme as one rule on the root. `html:root` outranks tokens.css's `:root`, whichever
 * stylesheet the browser reads last. Every value comes from validated colours and fixed lists.
 */
function themeCss(settings: ThemeInput): string {
  const declarations = Object.entries(themeVariables(settings)).map(([name, value]) => `  ${name}: ${value};`);
  return `html:root {\n${declarations.join("\n")}\n}\n`;
}

/** The organisation's theme, cached for 5 minutes (the process that changes it forgets it at once). */
export async function themeState(db: Queryable, organisationId: string): Promise<ThemeState> {
  const hit = cache.get(organisationId);
  if (hit && hit.until > Date.now()) return hit.state;
  const [row] = await db
    .select({
      slug: organisations.slug,
      settings: organisationThemes.settings,
      logoType: organisationThemes.logoType,
      logoSha256: organisationThemes.logoSha256,
    })
    .from(organisations)
    .leftJoin(organisationThemes, eq(organisationThemes.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId));
  if (!row) throw notFound("The organisation");
  const settings = row?.settings ?? defaultTheme;
  const text = row?.settings ? themeCss(row.settings) : null;
  const state: ThemeState = {
    slug: row.slug,
    settings,
    custom: Boolean(row?.settings),
    css: text ? { text, version: version(text) } : null,
    logo: row?.logoType && row.logoSha256 ? { contentType: row.logoType, sha256: row.logoSha256 } : null,
  };
  cache.set(organisationId, { state, until: Date.now() + TTL_MS });
  return state;
}

/** The public addresses of the theme's stylesheet and logo, versioned by their content. */
export const themeCssUrl = (state: ThemeState) =>
  state.css ? `/api/public/${encodeURIComponent(state.slug)}/theme.css?v=${state.css.version}` : null;
export const logoUrl = (state: ThemeState) =>
  state.logo ? `/api/public/${encodeURIComponent(state.slug)}/logo?v=${logoVersion(state.logo)}` : null;
export const logoVersion = (logo: NonNullable<ThemeState["logo"]>) => logo.sha256.slice(0, 16);

/** The theme as the admin API answers it. */
export const presentTheme = (state: ThemeState): Theme => ({
  ...state.settings,
  custom: state.custom,
  logoUrl: logoUrl(state),
});

/** 422 naming every pair below its minimum with the measured ratio, e.g. "primaryText on primary: 2.31:1, needs 4.5:1". */
function assertContrast(settings: ThemeInput) {
  const failing = checkContrast(settings.colours).filter((c) => !c.passes);
  if (!failing.length) return;
  const says = failing.map((c) => `${c.foreground} on ${c.background}: ${formatRatio(c.ratio)}, needs ${c.minimum}:1`);
  throw new AppError(
    "unprocessable",
    `These colours do not meet WCAG 2.1 AA contrast: ${says.join("; ")}`,
    failing.map((c, i) => ({
      path: `body.colours.${c.foreground in settings.colours ? c.foreground : c.background}`,
      message: says[i] ?? "",
    })),
  );
}

async function audited(
  db: Queryable,
  actor: StaffActor,
  action: string,
  detail: Record<string, unknown> | undefined,
  change: (tx: Queryable) => Promise<void>,
) {
  await db.transaction(async (tx) => {
    await change(tx);
    await appendAudit(tx, actor, { action, subjectType: "theme", subjectId: null, detail });
  });
  cache.delete(actor.organisationId);
}

async function upsert(tx: Queryable, organisationId: string, set: Partial<typeof organisationThemes.$inferInsert>) {
  await tx
    .insert(organisationThemes)
    .values({ organisationId, ...set })
    .onConflictDoUpdate({ target: organisationThemes.organisationId, set: { ...set, updatedAt: new Date() } });
}

/** Sets the colours, radius, font and display name (technical admins); refused when contrast fails. */
export async function setTheme(db: Queryable, actor: StaffActor, settings: ThemeInput) {
  requireTechnicalAdmin(actor);
  assertContrast(settings);
  await audited(db, actor, "theme.set", settings, (tx) => upsert(tx, actor.organisationId, { settings }));
}

/** Back to the design tokens' defaults; the logo stays (it has its own removal). */
export async function resetTheme(db: Queryable, actor: StaffActor) {
  requireTechnicalAdmin(actor);
  await audited(db, actor, "theme.reset", undefined, (tx) => upsert(tx, actor.organisationId, { settings: null }));
}

/**
 * Takes a logo: PNG or WebP by its content (never its declared type; SVG is refused, since a
 * sanitiser is one more thing to get wrong), at most LOGO_MAX_BYTES and LOGO_MAX_SIDE pixels a
 * side, re-encoded by sharp so that no metadata or trailing bytes survive.
 */
export async function setLogo(db: Queryable, actor: StaffActor, data: Buffer) {
  requireTechnicalAdmin(actor);
  if (data.length > LOGO_MAX_BYTES) throw new AppError("payload_too_large", `A logo may be at most ${LOGO_MAX_BYTES / 1024} kB`);
  const sniffed = await fileTypeFromBuffer(data);
  const type = logoMediaTypes.find((t) => t === sniffed?.mime);
  if (!type)
    throw new AppError(
      "unsupported_file_type",
      `Send the logo as PNG or WebP; this file's content is ${sniffed?.mime ?? "not recognised"}`,
    );
  let cleaned: Buffer;
  try {
    const image = sharp(data, { failOn: "error", limitInputPixels: LOGO_MAX_SIDE * LOGO_MAX_SIDE });
    const { width = 0, height = 0 } = await image.metadata();
    if (width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) throw new Error("too large");
    cleaned = await (type === "image/png" ? image.png() : image.webp({ lossless: true })).toBuffer();
  } catch {
    throw new AppError("unsupported_file_type", `The logo could not be read, or is over ${LOGO_MAX_SIDE} pixels a side`);
  }
  const sha256 = createHash("sha256").update(cleaned).digest("hex");
  await audited(db, actor, "theme.logo_set", { contentType: type, bytes: cleaned.length, sha256 }, (tx) =>
    upsert(tx, actor.organisationId, { logo: cleaned, logoType: type, logoSha256: sha256 }),
  );
}

export async function removeLogo(db: Queryable, actor: StaffActor) {
  requireTechnicalAdmin(actor);
  await audited(db, actor, "theme.logo_removed", undefined, (tx) =>
    upsert(tx, actor.organisationId, { logo: null, logoType: null, logoSha256: null }),
  );
}

/** The logo's bytes, or 404. */
export async function logoFile(db: Queryable, organisationId: string) {
  const [row] = await db
    .select({ logo: organisationThemes.logo, logoType: organisationThemes.logoType, logoSha256: organisationThemes.logoSha256 })
    .from(organisationThemes)
    .where(eq(organisationThemes.organisationId, organisationId));
  if (!row?.logo || !row.logoType || !row.logoSha256) throw notFound("The logo");
  return { data: row.logo, contentType: row.logoType, sha256: row.logoSha256 };
}
