import type { Language, Role } from "@yhteys/contracts";

/** A signed-in staff user, as every service sees them. */
export type StaffActor = {
  kind: "user";
  userId: string;
  organisationId: string;
  role: Role;
  name: string;
  email: string;
  language: Language;
  groupIds: string[];
  areaIds: string[];
  /** Belongs to a group that may open tickets holding special categories of personal data. */
  sensitiveAccess: boolean;
  /** Where the request came from, for the audit log ("from where"). */
  origin?: RequestOrigin;
};

/** The client address (after trusted proxies) and user agent of a request. */
export type RequestOrigin = { ip: string; userAgent: string | null };

/** Who made a change: a staff user, a resident, an API client (Open311 app) or the system. */
export type Actor =
  | StaffActor
  | { kind: "resident"; organisationId: string }
  | { kind: "api_client"; organisationId: string; clientId: string }
  | { kind: "system"; organisationId: string };

export const actorId = (actor: Actor): string | null =>
  actor.kind === "user" ? actor.userId : actor.kind === "api_client" ? actor.clientId : null;
