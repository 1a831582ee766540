/**
 * Sending one delivery over HTTP: POST with a 10 s limit for the whole exchange, no redirects,
 * and at most 1 kB of the answer kept. In production, receivers on loopback, private, link-local
 * and other non-public addresses are refused (unless allowed by configuration), checked on the
 * address actually connected to, so that a host name cannot resolve past the check.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP } from "node:net";

const nonPublic = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  nonPublic.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  nonPublic.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is loopback, private, link-local, shared, multicast or otherwise not public. */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isNonPublicAddress(mapped);
  const family = isIP(address);
  return family === 0 || nonPublic.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Why a receiver's address is refused, or null; only IP literals and `localhost` are judged without DNS. */
export function refusedHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "a loopback host";
  return isIP(host) && isNonPublicAddress(host) ? "a loopback or private address" : null;
}

type Lookup = NonNullable<http.RequestOptions["lookup"]>;

/** DNS lookup that fails when any resolved address is not public. */
const publicOnlyLookup: Lookup = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const refused = addresses.find((a) => isNonPublicAddress(a.address));
    if (refused || !addresses[0]) return callback(new Error(`${hostname} resolves to a non-public address`), "", 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

export type PostResult = { statusCode: number | null; durationMs: number; error: string | null; responseBody: string | null };

const RESPONSE_BODY_LIMIT = 1024;

/** POSTs `body` (JSON unless `headers` name another content type); never throws: network errors, time-outs and refusals come back as `error`. */
export function postJson(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  return httpExchange("POST", target, body, headers, { ...options, responseLimit: RESPONSE_BODY_LIMIT });
}

/** One HTTP exchange under the same address policy and time limit; keeps at most `responseLimit` bytes of the answer. */
export function httpExchange(
  method: "GET" | "POST",
  target: string,
  body: string | null,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; responseLimit: number },
): Promise<PostResult> {
  const limit = options.responseLimit;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const url = new URL(target);
    const refused = options.allowPrivate ? null : refusedHost(url);
    if (refused) return resolve({ statusCode: null, durationMs: 0, error: `refused: ${refused}`, responseBody: null });
    const send = url.protocol === "https:" ? https.request : http.request;
    const request = send(url, {
      method,
      headers:
        body === null ? headers : { "content-type": "application/json", ...headers, "content-length": Buffer.byteLength(body).toString() },
      ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup }),
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer in ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    const done = (result: Omit<PostResult, "durationMs">) => {
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    request.on("error", (error) => done({ statusCode: null, error: error.message, responseBody: null }));
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const text = Buffer.concat(chunks).subarray(0, limit).toString("utf8");
        done({ statusCode: response.statusCode ?? null, error: null, responseBody: text || null });
        response.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        if (size >= limit) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= limit) finish();
      });
      response.on("end", finish);
      response.on("error", finish);
    });
    request.end(body ?? undefined);
  });
}
