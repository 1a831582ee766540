/** Fetch wrapper for the Yhteys APIs: JSON in and out, problem+json errors as ApiError. */
import type { Problem } from "@yhteys/contracts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
  /** Field errors keyed by the last part of their path (e.g. "description"). */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem?.errors ?? []).map((e) => [e.path.split(".").slice(-1)[0] ?? e.path, e.message]));
  }
}

export type RequestOptions = { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

export async function api<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  // A file (Blob) goes as it is, with its own type; anything else as JSON.
  const file = options.body instanceof Blob ? options.body : null;
  if (options.body !== undefined) headers["content-type"] = file ? file.type || "application/octet-stream" : "application/json";
  const res = await fetch(url, {
    method: options.method ?? "GET",
    headers,
    credentials: "same-origin",
    ...(options.body !== undefined ? { body: file ?? JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, data && typeof data === "object" && "code" in data ? (data as Problem) : null);
  return data as T;
}
