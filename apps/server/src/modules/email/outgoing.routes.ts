/**
 * Outgoing email over HTTP: the admin API under /api/staff/admin/mail (technical admins; the
 * services check) and the residents' unsubscribe endpoint under /api/public (RFC 8058 one-click).
 */
import {
  EmailDelivery,
  EmailDeliveryList,
  EmailDeliveryQuery,
  MailSettings,
  MailSettingsUpdate,
  TestEmail,
  UnsubscribeReceipt,
} from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { ById, Org, settingsRoutes } from "../../http/routes.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { getMailSettings, updateMailSettings } from "./mail-settings.ts";
import { listEmailDeliveries, retryEmail, sendTestEmail, unsubscribe, unsubscribeStatus } from "./outgoing-deliveries.ts";
import { UNSUBSCRIBE_TOKEN } from "./outgoing-tokens.ts";

const tags = ["email"];

export function mailAdminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    settingsRoutes(app, "", {
      tags,
      response: MailSettings,
      read: {
        summary: "Sender settings (the DKIM key is never returned)",
        handler: (request) => getMailSettings(ctx, staffActor(request)),
      },
      write: {
        summary: "Set the sender: From, Reply-To (the mailbox routed back to tickets) and optional DKIM",
        description: "Leave `dkim.privateKey` out to keep the stored key; `dkim: null` switches signing off.",
        body: MailSettingsUpdate,
        handler: (request) => updateMailSettings(ctx, staffActor(request), request.body),
      },
    });
    app.post(
      "/test",
      { schema: { tags, summary: "Send a test email with the saved settings", body: TestEmail, response: { 202: EmailDelivery } } },
      async (request, reply) => reply.code(202).send(await sendTestEmail(ctx, staffActor(request), request.body.to)),
    );
    app.get(
      "/deliveries",
      {
        schema: {
          tags,
          summary: "Emails that failed (or could not be sent for want of settings), or all recent ones",
          querystring: EmailDeliveryQuery,
          response: { 200: EmailDeliveryList },
        },
      },
      (request) => listEmailDeliveries(ctx, staffActor(request), request.query),
    );
    app.post(
      "/deliveries/:id/retry",
      { schema: { tags, summary: "Send a failed email again", params: ById, response: { 202: EmailDelivery } } },
      async (request, reply) => reply.code(202).send(await retryEmail(ctx, staffActor(request), request.params.id)),
    );
  };
}

const UnsubscribeParams = Org.extend({ token: z.string().regex(UNSUBSCRIBE_TOKEN) });

export function unsubscribeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Mail programs POST `List-Unsubscribe=One-Click` as a form (RFC 8058); the body says nothing else.
    app.addContentTypeParser(
      ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"],
      { parseAs: "string", bodyLimit: 4096 },
      (_r, _body, done) => done(null, {}),
    );
    const rateLimit = { max: ctx.config.publicRateLimit, timeWindow: "1 minute" };
    app.get(
      "/:org/email/unsubscribe/:token",
      {
        config: { rateLimit },
        schema: {
          tags,
          summary: "Whether an unsubscribe link is in effect",
          params: UnsubscribeParams,
          response: { 200: UnsubscribeReceipt },
        },
      },
      async (request) => unsubscribeStatus(ctx, await organisationBySlug(ctx.db, request.params.org), request.params.token),
    );
    app.post(
      "/:org/email/unsubscribe/:token",
      {
        config: { rateLimit },
        schema: {
          tags,
          summary: "Stop emails about one ticket (RFC 8058 one-click; the portal's unsubscribe page uses it too)",
          params: UnsubscribeParams,
          response: { 200: UnsubscribeReceipt },
        },
      },
      async (request) => unsubscribe(ctx, await organisationBySlug(ctx.db, request.params.org), request.params.token),
    );
  };
}
