/** Admin routes for automation rules under /api/staff/admin/rules; the services check access. */
import { NewRule, Rule, RuleList, RuleOrder, RuleUpdate } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createRule, deleteRule, listRules, reorderRules, updateRule } from "./rules.admin.ts";

const ById = z.object({ id: z.uuid() });
const tags = ["admin"];

export function ruleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get("/", { schema: { tags, summary: "Automation rules in the order they run (admins)", response: { 200: RuleList } } }, (request) =>
      listRules(ctx.db, staffActor(request)),
    );
    app.post(
      "/",
      { schema: { tags, summary: "Add a rule, last of its trigger (technical admin)", body: NewRule, response: { 201: Rule } } },
      async (request, reply) => reply.code(201).send(await createRule(ctx.db, staffActor(request), request.body)),
    );
    app.put(
      "/order",
      { schema: { tags, summary: "Set the order of a trigger's rules (technical admin)", body: RuleOrder, response: { 200: RuleList } } },
      (request) => reorderRules(ctx.db, staffActor(request), request.body),
    );
    app.patch(
      "/:id",
      { schema: { tags, summary: "Change a rule (technical admin)", params: ById, body: RuleUpdate, response: { 200: Rule } } },
      (request) => updateRule(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete(
      "/:id",
      { schema: { tags, summary: "Delete a rule (technical admin)", params: ById, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteRule(ctx.db, staffActor(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
