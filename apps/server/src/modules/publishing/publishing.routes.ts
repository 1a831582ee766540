/**
 * Publishing over HTTP. Staff (under /api/staff): the publish panel's draft, publish, unpublish
 * and the organisation's settings. Public (under /api/public): the list, one contact, RSS and
 * JSON feeds, areas for the filter, and approved photos of published contacts.
 */
import {
  FeedbackList,
  FeedbackQuery,
  Language,
  PublicAreaList,
  PublicationDraft,
  PublishedFeedback,
  PublishingSettings,
  PublishRequest,
  TicketDetail,
  TicketReferenceParam,
} from "@yhteys/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { notFound } from "../../http/errors.ts";
import { ById, Org, settingsRoutes } from "../../http/routes.ts";
import { sendDownload } from "../attachments/attachments.routes.ts";
import { download } from "../attachments/attachments.service.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { getTicketDetail } from "../tickets/tickets.queries.ts";
import { feedbackByReference, listFeedback, publicAreas, publishedPhoto } from "./feedback.queries.ts";
import { type FeedInfo, jsonFeed, rssFeed } from "./feeds.ts";
import { publicationDraft, publishTicket, saveSettings, settingsOf, unpublishTicket } from "./publishing.service.ts";

export function staffPublishingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    const tags = ["publishing"];

    app.get(
      "/tickets/:id/publication",
      {
        schema: {
          tags,
          summary: "The publish panel: the publication, texts with personal data marked for removal, publishable photos",
          params: ById,
          response: { 200: PublicationDraft },
        },
      },
      (request) => publicationDraft(ctx.db, staffActor(request), request.params.id),
    );

    app.put(
      "/tickets/:id/publication",
      {
        schema: {
          tags,
          summary: "Publish the ticket (or change what is published) with the confirmed texts and approved photos",
          params: ById,
          body: PublishRequest,
          response: { 200: TicketDetail },
        },
      },
      async (request) => {
        const actor = staffActor(request);
        await publishTicket(ctx, actor, request.params.id, request.body);
        return getTicketDetail(ctx.db, actor, request.params.id);
      },
    );

    app.delete(
      "/tickets/:id/publication",
      {
        schema: { tags, summary: "Withdraw the ticket from the public map, list and feeds", params: ById, response: { 200: TicketDetail } },
      },
      async (request) => {
        const actor = staffActor(request);
        await unpublishTicket(ctx, actor, request.params.id);
        return getTicketDetail(ctx.db, actor, request.params.id);
      },
    );

    settingsRoutes(app, "/admin/publishing", {
      tags,
      response: PublishingSettings,
      read: { summary: "Publishing settings", handler: (request) => settingsOf(ctx.db, staffActor(request).organisationId) },
      write: {
        summary: "Change publishing settings (technical admins)",
        body: PublishingSettings,
        handler: (request) => saveSettings(ctx.db, staffActor(request), request.body),
      },
    });
  };
}

/** Lists change when a handler publishes; a minute of caching keeps the load low and withdrawals quick. */
const LIST_CACHE = "public, max-age=60";
const FEED_CACHE = "public, max-age=300";

const FeedQuery = z.object({ lang: Language.optional() });
const feedTitles = { fi: "Palautteet", sv: "Respons", en: "Feedback" } as const;

export function publicFeedbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["public"];
    const config = { rateLimit: { max: ctx.config.publicRateLimit * 5, timeWindow: "1 minute" } };
    const cached = (reply: FastifyReply, value: string) => reply.header("cache-control", value).header("vary", "accept-language");

    app.get(
      "/:org/feedback",
      {
        config,
        schema: {
          tags,
          summary: "Published contacts with their answers (no personal data), newest first",
          description:
            "Filters: category (ids), area (codes), status, from/to (dates of the contact), bbox=minLon,minLat,maxLon,maxLat; page, pageSize (at most 500).",
          params: Org,
          querystring: FeedbackQuery,
          response: { 200: FeedbackList },
        },
      },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        cached(reply, LIST_CACHE);
        return listFeedback(ctx.db, org, request.query);
      },
    );

    app.get(
      "/:org/feedback/areas",
      { config, schema: { tags, summary: "Areas (districts) to filter by", params: Org, response: { 200: PublicAreaList } } },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        cached(reply, FEED_CACHE);
        return { items: await publicAreas(ctx.db, org.id) };
      },
    );

    const feedInfo = async (slug: string, lang: Language | undefined, format: "rss" | "json"): Promise<FeedInfo> => {
      const org = await organisationBySlug(ctx.db, slug);
      const language = lang ?? org.defaultLanguage;
      const base = ctx.config.publicUrl.replace(/\/$/, "");
      return {
        title: `${feedTitles[language]} – ${org.name[language] || org.name.fi}`,
        homePage: `${base}/${encodeURIComponent(slug)}/palautteet`,
        feedUrl: `${base}/api/public/${encodeURIComponent(slug)}/feedback/feed.${format}${lang ? `?lang=${lang}` : ""}`,
        language,
      };
    };

    app.get(
      "/:org/feedback/feed.rss",
      { config, schema: { tags, summary: "RSS 2.0 feed of the 50 newest published contacts", params: Org, querystring: FeedQuery } },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const info = await feedInfo(org.slug, request.query.lang, "rss");
        const { items } = await listFeedback(ctx.db, org, { pageSize: 50 });
        return reply.header("cache-control", FEED_CACHE).type("application/rss+xml; charset=utf-8").send(rssFeed(info, items));
      },
    );

    app.get(
      "/:org/feedback/feed.json",
      { config, schema: { tags, summary: "JSON Feed 1.1 of the 50 newest published contacts", params: Org, querystring: FeedQuery } },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const info = await feedInfo(org.slug, request.query.lang, "json");
        const { items } = await listFeedback(ctx.db, org, { pageSize: 50 });
        return reply
          .header("cache-control", FEED_CACHE)
          .type("application/feed+json; charset=utf-8")
          .send(JSON.stringify(jsonFeed(info, items)));
      },
    );

    const Ref = Org.extend({ reference: TicketReferenceParam });
    app.get(
      "/:org/feedback/:reference",
      { config, schema: { tags, summary: "One published contact", params: Ref, response: { 200: PublishedFeedback } } },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const item = await feedbackByReference(ctx.db, org, request.params.reference);
        if (!item) throw notFound("The published contact");
        cached(reply, LIST_CACHE);
        return item;
      },
    );

    for (const variant of ["original", "thumbnail"] as const)
      app.get(
        `/:org/feedback/:reference/photos/:attachmentId${variant === "thumbnail" ? "/thumbnail" : ""}`,
        {
          config,
          schema: {
            tags,
            summary: `An approved photo of a published contact (${variant})`,
            params: Ref.extend({ attachmentId: z.uuid() }),
          },
        },
        async (request, reply) => {
          const org = await organisationBySlug(ctx.db, request.params.org);
          const row = await publishedPhoto(ctx.db, org.id, request.params.reference, request.params.attachmentId);
          const file = await download(ctx, row?.contentType.startsWith("image/") ? row : undefined, variant);
          return sendDownload(
            reply,
            { ...file, fileName: `${request.params.reference}${file.fileName.match(/\.[^.]+$/)?.[0] ?? ""}` },
            variant,
            LIST_CACHE,
          );
        },
      );
  };
}
