/** Reports under /api/staff/reports: a summary as JSON and the same as CSV; the service checks access. */
import { ReportOptions, ReportQuery, ReportSummary } from "@yhteys/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { reportOptions } from "./report-options.ts";
import { reportCsv, reportFileName } from "./reports.csv.ts";
import { reportSummary } from "./reports.ts";

const tags = ["reports"];

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    app.get("/options", { schema: { tags, summary: "The choices of the report filters", response: { 200: ReportOptions } } }, (request) =>
      reportOptions(ctx.db, staffActor(request)),
    );
    app.get(
      "/summary",
      {
        schema: {
          tags,
          summary: "Figures of a period, in total and by one dimension",
          querystring: ReportQuery,
          response: { 200: ReportSummary },
        },
      },
      (request) => reportSummary(ctx.db, staffActor(request), request.query),
    );
    app.get(
      "/summary.csv",
      {
        schema: {
          tags,
          summary: "The same summary as CSV (UTF-8 with BOM, semicolon-separated, decimal comma in Finnish and Swedish)",
          querystring: ReportQuery,
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const summary = await reportSummary(ctx.db, staffActor(request), request.query);
        return reply
          .header("content-type", "text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${reportFileName(summary)}"`)
          .send(reportCsv(summary));
      },
    );
  };
}
