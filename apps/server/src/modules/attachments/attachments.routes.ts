/**
 * Attachments over HTTP: residents upload with their tracking token (multipart, one file per
 * request) and download their own files; staff download files of tickets they may see.
 */
import multipart from "@fastify/multipart";
import { PublicAttachment } from "@yhteys/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../http/errors.ts";
import { staffActor, staffGuard } from "../auth/auth.guard.ts";
import { TrackingParams } from "../intake/intake.routes.ts";
import { organisationBySlug } from "../organisations/organisations.ts";
import { contentDisposition, prepareFile, sniffFile } from "./attachment-files.ts";
import {
  type AttachmentDownload,
  addAttachment,
  addPhotoForCleaning,
  assertRoomForAttachment,
  residentDownload,
  staffDownload,
  ticketByToken,
  type Variant,
} from "./attachments.service.ts";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 16 * 1024;

/** Reads the one file of a multipart request, refusing it (413) as soon as it passes `maxBytes`. */
async function receiveFile(request: FastifyRequest, maxBytes: number): Promise<{ data: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new AppError("unsupported_media_type", "Send multipart/form-data with the file in a field named file");
  const tooLarge = () => new AppError("attachment_too_large", `A file can be at most ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  if (Number(request.headers["content-length"] ?? 0) > maxBytes + MULTIPART_OVERHEAD) throw tooLarge();
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError("bad_request", "The request has no file: send it in a multipart field named file");
  try {
    return { data: await part.toBuffer(), fileName: part.filename };
  } catch (e) {
    if ((e as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw tooLarge();
    throw e;
  }
}

/**
 * Sends a stored file: its sniffed type, a safe file name, no sniffing by the browser and a
 * sandbox for anything opened directly. PDFs download; photos (re-encoded by us) may show inline.
 */
export function sendDownload(reply: FastifyReply, file: AttachmentDownload, variant: Variant, cacheControl?: string) {
  const inline = file.contentType.startsWith("image/");
  return reply
    .header("content-disposition", contentDisposition(inline ? "inline" : "attachment", file.fileName))
    .header("cache-control", cacheControl ?? (variant === "thumbnail" ? "private, max-age=600" : "private, no-store"))
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("x-content-type-options", "nosniff")
    .type(file.contentType)
    .send(file.stream);
}

const variants = [
  { variant: "original", suffix: "" },
  { variant: "thumbnail", suffix: "/thumbnail" },
] as const;

/** The resident's endpoints under /api/public. */
export function publicAttachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const limits = ctx.config.attachments;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: limits.maxBytes, files: 1 } });
    const tags = ["public"];
    const Params = TrackingParams.extend({ attachmentId: z.uuid() });

    app.post(
      "/:org/contacts/:token/attachments",
      {
        config: { rateLimit: { max: ctx.config.publicRateLimit * Math.max(1, limits.maxFiles), timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Attach a photo or PDF to one's contact",
          description: `multipart/form-data with one file in the field \`file\`. JPEG, PNG, WebP or PDF (decided from the content), at most ATTACHMENT_MAX_BYTES (default 10 MB), at most ATTACHMENT_MAX_FILES (default 5) per contact. Answers at once: a photo is \`processing\` (never served) until a background job has re-encoded it without EXIF/GPS metadata and scanned it, then \`ready\` or \`rejected\` with a reason; a PDF is scanned before the answer. 409 too many, 413 too large, 415 not accepted.`,
          consumes: ["multipart/form-data"],
          params: TrackingParams,
          response: { 201: PublicAttachment },
        },
      },
      async (request, reply) => {
        const org = await organisationBySlug(ctx.db, request.params.org);
        const ticket = await ticketByToken(ctx.db, org, request.params.token);
        await assertRoomForAttachment(ctx, ticket.id);
        const upload = await receiveFile(request, limits.maxBytes);
        const file = await sniffFile(upload.data, upload.fileName);
        const actor = { kind: "resident", organisationId: org.id } as const;
        const log = (err: unknown) => request.log.warn({ err }, "attachment scan or cleanup failed");
        // Photos are cleaned by a job (the CPU-bound part); a PDF is only hashed and scanned, here.
        const created = file.photo
          ? await addPhotoForCleaning(ctx, ticket, file, actor, log)
          : await addAttachment(ctx, ticket, await prepareFile(file), actor, log);
        return reply.code(201).send(created);
      },
    );

    for (const { variant, suffix } of variants)
      app.get(
        `/:org/contacts/:token/attachments/:attachmentId${suffix}`,
        {
          config: { rateLimit: { max: ctx.config.publicRateLimit * 5, timeWindow: "1 minute" } },
          schema: { tags, summary: `One's own attachment (${variant})`, params: Params },
        },
        async (request, reply) => {
          const { org, token, attachmentId } = request.params;
          const file = await residentDownload(ctx, await organisationBySlug(ctx.db, org), token, attachmentId, variant);
          return sendDownload(reply, file, variant);
        },
      );
  };
}

/** Staff downloads under /api/staff: the same access as reading the ticket, audited. */
export function staffAttachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook("preHandler", staffGuard(ctx));
    const Params = z.object({ id: z.uuid(), attachmentId: z.uuid() });
    for (const { variant, suffix } of variants)
      app.get(
        `/tickets/:id/attachments/:attachmentId${suffix}`,
        {
          schema: {
            tags: ["tickets"],
            summary: `An attachment of a ticket (${variant}); an audited read`,
            params: Params,
          },
        },
        async (request, reply) => {
          const file = await staffDownload(ctx, staffActor(request), request.params.id, request.params.attachmentId, variant);
          return sendDownload(reply, file, variant);
        },
      );
  };
}
