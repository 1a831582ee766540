/**
 * Theming: `GET/PUT/DELETE /api/staff/admin/theme` and `PUT/DELETE /api/staff/admin/theme/logo`
 * for technical admins; `GET /api/public/{org}/theme.css` and `/logo` for everyone, cached by
 * browsers and revalidated by ETag.
 */
import { LOGO_MAX_BYTES, Theme, ThemeInput } from "@yhteys/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { Org, settingsRoutes } from "../../http/routes.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { logoFile, logoVersion, presentTheme, removeLogo, resetTheme, setLogo, setTheme, themeState } from "./theme.service.ts";

const tags = ["admin"];

export function themeAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    // This scope alone reads image bodies, as bytes; the service decides by their content.
    app.addContentTypeParser(/^(image\/|application\/octet-stream)/, { parseAs: "buffer", bodyLimit: LOGO_MAX_BYTES }, (_r, body, done) =>
      done(null, body),
    );
    const current = async (request: FastifyRequest) => {
      const actor = staffActor(request);
      requireTechnicalAdmin(actor);
      return presentTheme(await themeState(ctx.db, actor.organisationId));
    };

    settingsRoutes(app, "/theme", {
      tags,
      response: Theme,
      read: { summary: "The organisation's theme (the defaults until one is set)", handler: current },
      write: {
        summary: "Set the theme; 422 names every colour pair below WCAG 2.1 AA contrast with its measured ratio",
        body: ThemeInput,
        handler: async (request) => {
          await setTheme(ctx.db, staffActor(request), request.body);
          return current(request);
        },
      },
    });
    app.delete(
      "/theme",
      { schema: { tags, summary: "Back to the default colours, radius, font and name", response: { 200: Theme } } },
      async (request) => {
        await resetTheme(ctx.db, staffActor(request));
        return current(request);
      },
    );
    app.put(
      "/theme/logo",
      {
        bodyLimit: LOGO_MAX_BYTES,
        schema: {
          tags,
          summary: `Set the logo: a PNG or WebP file as the body (image/png, image/webp), at most ${LOGO_MAX_BYTES / 1024} kB`,
          response: { 200: Theme },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        requireTechnicalAdmin(actor);
        if (!Buffer.isBuffer(request.body))
          throw new AppError("unsupported_media_type", "Send the logo file itself as the body (image/png or image/webp)");
        await setLogo(ctx.db, actor, request.body);
        return current(request);
      },
    );
    app.delete("/theme/logo", { schema: { tags, summary: "Remove the logo", response: { 200: Theme } } }, async (request) => {
      await removeLogo(ctx.db, staffActor(request));
      return current(request);
    });
  };
}

/**
 * Caching of a versioned public file: a request naming the current version (`?v=`, as the page
 * and the organisation payload link it) may be kept for a year; any other revalidates after 5
 * minutes, by ETag.
 */
function cached(request: FastifyRequest, asked: string | undefined, reply: FastifyReply, version: string) {
  const etag = `"${version}"`;
  reply.header("etag", etag).header("cache-control", asked === version ? "public, max-age=31536000, immutable" : "public, max-age=300");
  return request.headers["if-none-match"] === etag;
}

const Version = z.object({ v: z.string().max(64).optional() });

export function publicThemeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/:org/theme.css",
      { schema: { tags: ["public"], summary: "The organisation's theme as CSS variables", params: Org, querystring: Version } },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const { css } = await themeState(ctx.db, org.id);
        const text = css?.text ?? "";
        if (cached(request, request.query.v, reply, css?.version ?? "default")) return reply.code(304).send();
        return reply.type("text/css; charset=utf-8").send(text);
      },
    );
    app.get(
      "/:org/logo",
      { schema: { tags: ["public"], summary: "The organisation's logo (PNG or WebP)", params: Org, querystring: Version } },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const { logo } = await themeState(ctx.db, org.id);
        if (!logo) throw notFound("The logo");
        if (cached(request, request.query.v, reply, logoVersion(logo))) return reply.code(304).send();
        const file = await logoFile(ctx.db, org.id);
        return reply.header("content-security-policy", "default-src 'none'; sandbox").type(file.contentType).send(file.data);
      },
    );
  };
}
