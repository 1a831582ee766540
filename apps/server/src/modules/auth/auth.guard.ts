/**
 * Authentication for staff routes: a session cookie, and for every unsafe method the CSRF token
 * of that session in the `x-csrf-token` header.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import type { StaffActor } from "./actor.ts";
import { authenticate, SESSION_COOKIE } from "./sessions.ts";

declare module "fastify" {
  interface FastifyRequest {
    staff: { actor: StaffActor; csrfToken: string } | null;
  }
}

/** User agents longer than this are cut: the audit log keeps what identifies a browser, not a payload. */
const MAX_USER_AGENT = 300;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function staffGuard(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await authenticate(ctx, token) : null;
    if (!session) throw new AppError("unauthenticated", "Sign in to continue");
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !sameToken(sent, session.csrfToken)) throw new AppError("forbidden", "Missing or wrong CSRF token");
    }
    const userAgent = request.headers["user-agent"];
    session.actor.origin = { ip: request.ip, userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null };
    request.staff = session;
  };
}

/** The signed-in actor of a route behind `staffGuard`. */
export function staffActor(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new AppError("unauthenticated");
  return request.staff.actor;
}
