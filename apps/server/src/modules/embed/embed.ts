/**
 * The embeddable form (REQUIREMENTS P3): `/embed.js`, the one script a city page includes, and
 * the origins each organisation allows to frame its portal, enforced with CSP `frame-ancestors`
 * on every portal page of the organisation (the chromeless `/{org}/embed` route and the pages a
 * resident reaches from it, such as tracking).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { EmbedSettings, EmbedSettingsInput } from "@yhteys/contracts";
import { eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import type { Queryable } from "../../db/client.ts";
import { embedSettings } from "../../db/schema.ts";
import { settingsRoutes } from "../../http/routes.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { appendAudit } from "../audit/audit.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";

const TTL_MS = 60_000;
const cache = new Map<string, { origins: string[]; until: number }>();

export async function allowedOrigins(db: Queryable, organisationId: string): Promise<string[]> {
  const hit = cache.get(organisationId);
  if (hit && hit.until > Date.now()) return hit.origins;
  const [row] = await db.select().from(embedSettings).where(eq(embedSettings.organisationId, organisationId));
  const origins = row?.allowedOrigins ?? [];
  cache.set(organisationId, { origins, until: Date.now() + TTL_MS });
  return origins;
}

/** The CSP of an organisation's portal pages: framed by the portal itself and the allowed origins only. */
export const frameAncestors = (origins: string[]) => `frame-ancestors ${["'self'", ...origins].join(" ")}`;

/** The script, with the installation's default organisation for tags without data-org. */
function embedScript(defaultOrganisation: string): string {
  const source = readFileSync(path.join(import.meta.dirname, "embed.js"), "utf8");
  // Only the code goes out: the usage comment is in docs/integrations.md.
  return source.replace(/^\/\*[\s\S]*?\*\/\n/, "").replace("__DEFAULT_ORG__", defaultOrganisation);
}

/** `GET /embed.js`, public and cached by browsers for 5 minutes. */
export function embedScriptRoute(ctx: AppContext): FastifyPluginAsyncZod {
  const script = embedScript(ctx.config.defaultOrganisation);
  return async (app) => {
    app.get(
      "/embed.js",
      { schema: { tags: ["public"], summary: "The script that embeds the contact form in a web page" } },
      (_request, reply) =>
        reply
          .type("text/javascript; charset=utf-8")
          .header("cache-control", "public, max-age=300")
          .header("cross-origin-resource-policy", "cross-origin")
          .send(script),
    );
  };
}

/** `GET` and `PUT /api/staff/admin/embed`: the allowed embedding origins, technical admins only. */
export function embedAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    settingsRoutes(app, "/embed", {
      tags: ["admin"],
      response: EmbedSettings,
      read: {
        summary: "The web origins allowed to embed the form",
        handler: async (request) => {
          const actor = staffActor(request);
          requireTechnicalAdmin(actor);
          const [row] = await ctx.db.select().from(embedSettings).where(eq(embedSettings.organisationId, actor.organisationId));
          return { allowedOrigins: row?.allowedOrigins ?? [] };
        },
      },
      write: {
        summary: "Set the web origins (https://www.example.fi) allowed to embed the form",
        body: EmbedSettingsInput,
        handler: async (request) => {
          const actor = staffActor(request);
          requireTechnicalAdmin(actor);
          const allowed = [...new Set(request.body.allowedOrigins)];
          await ctx.db.transaction(async (tx) => {
            await tx
              .insert(embedSettings)
              .values({ organisationId: actor.organisationId, allowedOrigins: allowed })
              .onConflictDoUpdate({ target: embedSettings.organisationId, set: { allowedOrigins: allowed, updatedAt: new Date() } });
            await appendAudit(tx, actor, {
              action: "embed_settings.set",
              subjectType: "embed_settings",
              subjectId: null,
              detail: { allowedOrigins: allowed },
            });
          });
          cache.delete(actor.organisationId);
          return { allowedOrigins: allowed };
        },
      },
    });
  };
}
