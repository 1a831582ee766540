/**
 * Who may administer what (REQUIREMENTS M10): technical admins manage users, groups, area scopes
 * and the audit log; content admins manage the settings of the groups they belong to; nobody
 * else reaches the admin API.
 */
import { forbidden } from "../../http/errors.ts";
import type { StaffActor } from "../auth/actor.ts";

/** Technical admins (tekninen pääkäyttäjä) configure the whole organisation. */
export const isTechnicalAdmin = (actor: StaffActor) => actor.role === "technical_admin";

/** Users, memberships, area scopes, new groups and the audit log. */
export function requireTechnicalAdmin(actor: StaffActor) {
  if (!isTechnicalAdmin(actor)) throw forbidden("Only technical admins may do this");
}

/** The admin views at all: technical admins, and content admins for their own groups. */
export function requireAdmin(actor: StaffActor) {
  if (!isTechnicalAdmin(actor) && actor.role !== "content_admin") throw forbidden("Your role has no access to administration");
}

/** A group's own settings (name, description): technical admins, or content admins of that group. */
export const mayManageGroup = (actor: StaffActor, groupId: string) =>
  isTechnicalAdmin(actor) || (actor.role === "content_admin" && actor.groupIds.includes(groupId));
