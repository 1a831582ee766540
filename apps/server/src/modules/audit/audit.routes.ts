/** The audit log for technical admins: log-request export (JSON or CSV) and chain verification. */
import { ChainStatus, LogExport, LogRequestQuery } from "@yhteys/contracts";
import { sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { queryRows } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import { requireTechnicalAdmin } from "../admin/admin.access.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { verifyChain } from "./audit-chain.ts";
import { exportPersonLog, logExportCsv } from "./audit-export.ts";

const tags = ["audit"];

/** Routes under /api/staff/admin/audit; technical admins only (checked in the services). */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));

    app.get(
      "/log-request",
      {
        schema: {
          tags,
          summary: "One person's audit entries, by email or name (format=csv answers text/csv with the same entries)",
          querystring: LogRequestQuery,
          response: { 200: LogExport },
        },
      },
      async (request, reply) => {
        const log = await exportPersonLog(ctx.db, staffActor(request), request.query);
        if (request.query.format !== "csv") return log;
        const date = log.generatedAt.slice(0, 10);
        return (
          reply
            .type("text/csv; charset=utf-8")
            .header("content-disposition", `attachment; filename="log-request-${date}.csv"`)
            .header("cache-control", "no-store")
            // A string with a non-JSON type is sent as it is; the 200 schema describes the JSON form.
            .send(logExportCsv(log) as unknown as LogExport)
        );
      },
    );

    app.get(
      "/verify",
      { schema: { tags, summary: "Verify the organisation's audit hash chain", response: { 200: ChainStatus } } },
      async (request) => {
        const actor = staffActor(request);
        requireTechnicalAdmin(actor);
        const [org] = await queryRows<{ id: string; slug: string }>(
          ctx.db,
          sql`SELECT id::text, slug FROM organisations WHERE id = ${actor.organisationId}`,
        );
        if (!org) throw notFound("The organisation");
        const report = await verifyChain(ctx.db, org);
        return {
          entries: report.entries,
          lanes: report.lanes,
          seal: report.seal,
          broken: report.broken,
          checkedAt: new Date().toISOString(),
        };
      },
    );
  };
}
