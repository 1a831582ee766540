import { LoginRequest, SessionInfo } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { staffActor, staffGuard } from "./auth.guard.ts";
import { login, logout, SESSION_COOKIE, SESSION_HOURS, sessionInfo } from "./sessions.ts";

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const cookieOptions = {
      httpOnly: true,
      sameSite: "lax" as const,
      secure: ctx.config.env === "production",
      path: "/",
    };

    app.post(
      "/login",
      { schema: { tags: ["auth"], summary: "Sign in with email and password", body: LoginRequest, response: { 200: SessionInfo } } },
      async (request, reply) => {
        const { token, info } = await login(ctx, request.body, request.ip);
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_HOURS * 3600 });
        return info;
      },
    );

    app.get(
      "/session",
      {
        schema: { tags: ["auth"], summary: "The signed-in user and the CSRF token", response: { 200: SessionInfo } },
        preHandler: staffGuard(ctx),
      },
      async (request) => sessionInfo(ctx, staffActor(request), request.staff?.csrfToken ?? ""),
    );

    app.post(
      "/logout",
      { schema: { tags: ["auth"], summary: "Sign out", response: { 204: z.null() } }, preHandler: staffGuard(ctx) },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await logout(ctx, token);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.code(204).send(null);
      },
    );
  };
}
