export * from "./admin.ts";
export * from "./common.ts";
export * from "./constants.ts";
export * from "./public.ts";
export * from "./sla.ts";
export * from "./staff.ts";
export * from "./tickets.ts";
export * from "./webhooks.ts";
