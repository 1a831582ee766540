/**
 * Typed errors with stable codes, and the one place that turns any error into RFC 9457
 * `application/problem+json`. Unknown errors become a generic 500, logged with the request id.
 */
import type { Problem } from "@yhteys/contracts";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

const statusOf = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  contact_merged: 409,
  publish_consent_refused: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  too_many_attachments: 409,
  attachment_unavailable: 409,
  attachment_too_large: 413,
  unsupported_file_type: 415,
} as const;
export type ErrorCode = keyof typeof statusOf;

const titleOf: Record<ErrorCode, string> = {
  validation_failed: "The request is not valid",
  bad_request: "Bad request",
  unauthenticated: "Authentication required",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  invalid_transition: "State change not allowed",
  contact_merged: "The contact was merged into another",
  publish_consent_refused: "The resident did not allow publishing",
  payload_too_large: "Request too large",
  unsupported_media_type: "Unsupported media type",
  unprocessable: "The request cannot be processed",
  rate_limited: "Too many requests",
  internal: "Internal error",
  too_many_attachments: "Too many attachments",
  attachment_unavailable: "The file is not available",
  attachment_too_large: "The file is too large",
  unsupported_file_type: "This type of file is not accepted",
};

export type FieldError = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  constructor(code: ErrorCode, detail?: string, errors?: FieldError[]) {
    super(detail ?? titleOf[code]);
    this.code = code;
    this.errors = errors;
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (detail = "Your role does not allow this") => new AppError("forbidden", detail);

/** Builds the problem document for an error code. */
export function problem(code: ErrorCode, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:yhteys:problem:${code}`,
    title: titleOf[code],
    status: statusOf[code],
    code,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

/** Maps framework errors (validation, body parsing, limits) onto our codes. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const e = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const errors = e.validation.map((v) => ({
      path: [e.validationContext, ...v.instancePath.split("/").filter(Boolean)].join("."),
      message: v.message ?? "invalid",
    }));
    return new AppError("validation_failed", "Some fields are missing or invalid", errors);
  }
  switch (e.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "Send application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new AppError("bad_request", "The body is not valid JSON");
  }
  if (e.statusCode === 429) return new AppError("rate_limited", "Slow down and try again in a moment");
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError("bad_request", e.message);
  if (e instanceof SyntaxError) return new AppError("bad_request", "The body is not valid JSON");
  return null;
}

export function sendProblem(reply: FastifyReply, doc: Problem) {
  return reply.code(doc.status).type("application/problem+json").send(doc);
}

/** The application's error handler. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const known = toAppError(error);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, "request failed");
    return sendProblem(reply, { ...problem(known.code, known.message, known.errors), instance: request.id });
  }
  request.log.error({ err: error }, "unexpected error");
  return sendProblem(reply, { ...problem("internal", "Something went wrong on our side"), instance: request.id });
}
