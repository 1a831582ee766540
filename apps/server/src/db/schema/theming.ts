/** Theming (REQUIREMENTS P8): an organisation's colours, font, display name and logo for the portal and the embed. */

import type { ThemeInput } from "@yhteys/contracts";
import { customType, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./tenancy.ts";

/** Binary column: PGlite reads it as a Uint8Array, node-postgres as a Buffer; both come out as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * One row per organisation that has changed anything: `settings` null means the default colours
 * (tokens.css); the logo is small (LOGO_MAX_BYTES) and kept here so that every app server has it.
 */
export const organisationThemes = pgTable("organisation_themes", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  settings: jsonb("settings").$type<ThemeInput>(),
  logo: bytea("logo"),
  logoType: text("logo_type"),
  /** SHA-256 of the logo, its version in URLs and its ETag. */
  logoSha256: text("logo_sha256"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
