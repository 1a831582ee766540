/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a request carrying one in its path,
 * query or JSON body is refused as invalid (400 problem+json naming the field) before any
 * handler runs, instead of failing in the database as a 500.
 */
import type { FastifyRequest } from "fastify";
import { AppError } from "./errors.ts";

/** The dotted path of the first string holding U+0000 in `value`, or null. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  // Plain records only: parsed JSON, and query strings, paths and form bodies (whose objects
  // descend from a null-prototype object); not buffers, streams or other class instances.
  const prototype = value && typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (prototype === null || (prototype && Object.getPrototypeOf(prototype) === null)) {
    for (const [key, item] of Object.entries(value as object)) {
      const found = nulPath(key, `${path}.${key}`) ?? nulPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export async function rejectNulCharacters(request: FastifyRequest) {
  const found = nulPath(request.params, "params") ?? nulPath(request.query, "querystring") ?? nulPath(request.body, "body");
  if (found)
    throw new AppError("validation_failed", "Some fields are missing or invalid", [
      { path: found, message: "must not contain the NUL character (U+0000)" },
    ]);
}
