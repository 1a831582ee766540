/** The staff directory and configuration that handlers pick from (groups, colleagues, categories). */
import { CategoryList, GroupSummary, TicketTypeList, UserSummary } from "@yhteys/contracts";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { groupMemberships, handlerGroups, users } from "../../db/schema.ts";
import { forbidden } from "../../http/errors.ts";
import { awayNow } from "../absence/absence.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { listCategories } from "../categories/categories.ts";
import { canSeeDirectory } from "../tickets/tickets.access.ts";
import { ticketTypeSettingsOf } from "../workflows/workflows.admin.ts";

const tags = ["directory"];

export function directoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.addHook("preHandler", async (request) => {
      if (!canSeeDirectory(staffActor(request))) throw forbidden("Your role has no access to the staff directory");
    });

    app.get(
      "/groups",
      { schema: { tags, summary: "Handler groups", response: { 200: z.object({ items: z.array(GroupSummary) }) } } },
      async (request) => {
        const actor = staffActor(request);
        const rows = await ctx.db
          .select()
          .from(handlerGroups)
          .where(eq(handlerGroups.organisationId, actor.organisationId))
          .orderBy(asc(handlerGroups.code));
        return { items: rows.map((g) => ({ id: g.id, name: g.name, isUnclearQueue: g.isUnclearQueue })) };
      },
    );

    app.get(
      "/users",
      { schema: { tags, summary: "Colleagues who handle tickets", response: { 200: z.object({ items: z.array(UserSummary) }) } } },
      async (request) => {
        const actor = staffActor(request);
        const handlers = ["technical_admin", "content_admin", "service_advisor", "expert", "external_partner"] as const;
        const rows = await ctx.db
          .select({ id: users.id, name: users.name, role: users.role })
          .from(users)
          .where(and(eq(users.organisationId, actor.organisationId), eq(users.active, true), inArray(users.role, [...handlers])))
          .orderBy(asc(users.name));
        const memberships = await ctx.db.select().from(groupMemberships).where(eq(groupMemberships.organisationId, actor.organisationId));
        const away = await awayNow(
          ctx.db,
          actor.organisationId,
          rows.map((u) => u.id),
        );
        return {
          items: rows.map((u) => ({
            ...u,
            groupIds: memberships.filter((m) => m.userId === u.id).map((m) => m.groupId),
            ...away(u.id),
          })),
        };
      },
    );

    app.get("/categories", { schema: { tags, summary: "The category tree", response: { 200: CategoryList } } }, async (request) => ({
      items: await listCategories(ctx.db, staffActor(request).organisationId),
    }));

    app.get(
      "/ticket-types",
      {
        schema: {
          tags,
          summary: "Ticket types with the organisation's names; inactive ones are not offered for new contacts",
          response: { 200: TicketTypeList },
        },
      },
      async (request) => ({ items: await ticketTypeSettingsOf(ctx.db, staffActor(request).organisationId) }),
    );
  };
}
