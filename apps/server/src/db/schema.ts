/**
 * The data model. Every domain table carries `organisation_id` (the tenant) so that one
 * installation hosts many municipalities and PostgreSQL can later be distributed by tenant.
 * Personal data lives only in `customers` (and in free text written by residents).
 */

export * from "./schema/audit.ts";
export * from "./schema/automation.ts";
export * from "./schema/directory.ts";
export * from "./schema/email.ts";
export * from "./schema/geography.ts";
export * from "./schema/handling.ts";
export * from "./schema/integrations.ts";
export * from "./schema/jobs.ts";
export * from "./schema/notices.ts";
export * from "./schema/notifications.ts";
export * from "./schema/outgoing-email.ts";
export * from "./schema/publishing.ts";
export * from "./schema/sla.ts";
export * from "./schema/tenancy.ts";
export * from "./schema/theming.ts";
export * from "./schema/tickets.ts";
export * from "./schema/workflows.ts";
