/** Notices and FAQ: the public API for the portal and the embed, and the admin API for the console. */
import {
  AdminFaqEntry,
  AdminFaqList,
  AdminNotice,
  AdminNoticeList,
  AreaList,
  FaqEntryUpdate,
  NewFaqEntry,
  NewNotice,
  NoticeUpdate,
  PublicFaqList,
  PublicNoticeList,
  PublicNoticeQuery,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { ById, Org } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { currentNotices, publishedFaq } from "./notices.queries.ts";
import {
  createFaq,
  createNotice,
  deleteFaq,
  deleteNotice,
  listFaq,
  listNotices,
  targetAreas,
  updateFaq,
  updateNotice,
} from "./notices.service.ts";

/** Browsers and proxies may keep public answers this long; a new notice shows within a minute. */
const PUBLIC_CACHE = "public, max-age=60";

/** Routes under /api/public: `/{org}/notices` and `/{org}/faq`. */
export function publicNoticeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // The form asks again whenever the category or the place changes.
  const rateLimit = { max: ctx.config.publicRateLimit * 5, timeWindow: "1 minute" };
  return async (app) => {
    app.get(
      "/:org/notices",
      {
        config: { rateLimit },
        schema: {
          tags: ["public"],
          summary: "Current news and disruption notices: all, or the targeted ones that match a category, an area or a point",
          params: Org,
          querystring: PublicNoticeQuery,
          response: { 200: PublicNoticeList },
        },
      },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        reply.header("cache-control", PUBLIC_CACHE);
        return currentNotices(ctx.db, org.id, request.query);
      },
    );
    app.get(
      "/:org/faq",
      {
        config: { rateLimit },
        schema: { tags: ["public"], summary: "Published FAQ entries in order", params: Org, response: { 200: PublicFaqList } },
      },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        reply.header("cache-control", PUBLIC_CACHE);
        return publishedFaq(ctx.db, org.id);
      },
    );
  };
}

const tags = ["admin"];

/** Routes under /api/staff/admin: `/notices`, `/faq` and `/notice-areas`; the services check access. */
export function noticeAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get("/notices", { schema: { tags, summary: "Notices, newest first", response: { 200: AdminNoticeList } } }, (request) =>
      listNotices(ctx.db, staffActor(request)),
    );
    app.post(
      "/notices",
      { schema: { tags, summary: "Create a news or disruption notice", body: NewNotice, response: { 201: AdminNotice } } },
      async (request, reply) => reply.code(201).send(await createNotice(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/notices/:id",
      { schema: { tags, summary: "Change a notice", params: ById, body: NoticeUpdate, response: { 200: AdminNotice } } },
      (request) => updateNotice(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete("/notices/:id", { schema: { tags, summary: "Delete a notice", params: ById } }, async (request, reply) => {
      await deleteNotice(ctx.db, staffActor(request), request.params.id);
      return reply.code(204).send();
    });

    app.get("/faq", { schema: { tags, summary: "FAQ entries in order", response: { 200: AdminFaqList } } }, (request) =>
      listFaq(ctx.db, staffActor(request)),
    );
    app.post(
      "/faq",
      { schema: { tags, summary: "Create an FAQ entry", body: NewFaqEntry, response: { 201: AdminFaqEntry } } },
      async (request, reply) => reply.code(201).send(await createFaq(ctx.db, staffActor(request), request.body)),
    );
    app.patch(
      "/faq/:id",
      { schema: { tags, summary: "Change an FAQ entry", params: ById, body: FaqEntryUpdate, response: { 200: AdminFaqEntry } } },
      (request) => updateFaq(ctx.db, staffActor(request), request.params.id, request.body),
    );
    app.delete("/faq/:id", { schema: { tags, summary: "Delete an FAQ entry", params: ById } }, async (request, reply) => {
      await deleteFaq(ctx.db, staffActor(request), request.params.id);
      return reply.code(204).send();
    });

    app.get(
      "/notice-areas",
      { schema: { tags, summary: "Areas that notices can be targeted at", response: { 200: AreaList } } },
      (request) => targetAreas(ctx.db, staffActor(request)),
    );
  };
}
