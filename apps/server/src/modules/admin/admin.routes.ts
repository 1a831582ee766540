/** The admin API: users, handler groups and areas (validate → authenticate → service → present). */
import {
  AdminGroup,
  AdminGroupList,
  AdminUser,
  AdminUserList,
  AdminUserQuery,
  AreaList,
  GroupUpdate,
  NewGroup,
  NewUser,
  UserUpdate,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { ById } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { createGroup, listAdminGroups, listAreas, updateGroup } from "./admin.groups.ts";
import { createUser, getUser, listUsers, updateUser } from "./admin.users.ts";

const tags = ["admin"];

/** Routes under /api/staff/admin for users, groups and areas; the services check access. */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/users",
      { schema: { tags, summary: "Users (technical admin)", querystring: AdminUserQuery, response: { 200: AdminUserList } } },
      (request) => listUsers(ctx.db, staffActor(request), request.query),
    );
    app.post(
      "/users",
      { schema: { tags, summary: "Create a user with an initial password", body: NewUser, response: { 201: AdminUser } } },
      async (request, reply) => reply.code(201).send(await createUser(ctx.db, staffActor(request), request.body)),
    );
    app.get("/users/:id", { schema: { tags, summary: "A user", params: ById, response: { 200: AdminUser } } }, (request) =>
      getUser(ctx.db, staffActor(request), request.params.id),
    );
    app.patch(
      "/users/:id",
      {
        schema: {
          tags,
          summary: "Change a user: role, groups, areas, deactivate (ends sessions), new password",
          params: ById,
          body: UserUpdate,
          response: { 200: AdminUser },
        },
      },
      (request) => updateUser(ctx.db, staffActor(request), request.params.id, request.body),
    );

    app.get(
      "/groups",
      { schema: { tags, summary: "Handler groups with members (content admins: their own)", response: { 200: AdminGroupList } } },
      (request) => listAdminGroups(ctx.db, staffActor(request)),
    );
    app.post(
      "/groups",
      { schema: { tags, summary: "Create a handler group", body: NewGroup, response: { 201: AdminGroup } } },
      async (request, reply) => reply.code(201).send(await createGroup(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/groups/:id",
      { schema: { tags, summary: "Rename or describe a group", params: ById, body: GroupUpdate, response: { 200: AdminGroup } } },
      (request) => updateGroup(ctx.db, staffActor(request), request.params.id, request.body),
    );

    app.get("/areas", { schema: { tags, summary: "Areas for scoping viewers", response: { 200: AreaList } } }, (request) =>
      listAreas(ctx.db, staffActor(request)),
    );
  };
}
