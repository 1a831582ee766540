/**
 * The resident's consent to publishing (asked on the web form only): a contact whose resident said
 * no is never shown to the public, neither on the feedback map nor as "already reported nearby".
 */
import { sql } from "drizzle-orm";
import { tickets } from "../../db/schema.ts";

/** Tickets whose resident did not refuse publishing: they allowed it, or were not asked (null). */
export const publishingNotRefused = () => sql`${tickets.publishConsent} IS NOT FALSE`;
