/**
 * Who manages notices and FAQ entries (REQUIREMENTS P6, M10): technical admins all of the
 * organisation's; content admins those of their own groups (an entry without a group is the
 * organisation's, for technical admins). Other roles do not reach these admin views.
 */
import { forbidden } from "../../http/errors.ts";
import { isTechnicalAdmin, requireAdmin } from "../admin/admin.access.ts";
import type { StaffActor } from "../auth/actor.ts";

export { requireAdmin as requireContentAccess };

/** May the actor create or change an entry owned by this group (null: the organisation's)? */
export const mayManageContent = (actor: StaffActor, groupId: string | null) =>
  isTechnicalAdmin(actor) || (actor.role === "content_admin" && groupId !== null && actor.groupIds.includes(groupId));

export function requireManageContent(actor: StaffActor, groupId: string | null) {
  if (!mayManageContent(actor, groupId))
    throw forbidden(
      isTechnicalAdmin(actor) || actor.role === "content_admin"
        ? "Content admins manage the entries of their own groups; the organisation's are for technical admins"
        : "Your role has no access to administration",
    );
}
