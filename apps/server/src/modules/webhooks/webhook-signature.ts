/**
 * Signing deliveries: `Yhteys-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * with the subscription's secret. The time stamp is signed too, so that a receiver can refuse
 * replays of old deliveries (docs/integrations.md shows a receiver's check).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A new signing secret (256 bits). */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

const hmac = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The `Yhteys-Signature` header value for `body` sent at `timestamp` (unix seconds). */
export const signWebhook = (secret: string, body: string, timestamp: number) => `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;

/**
 * What a receiver checks: the signature matches the body and the time stamp is within
 * `toleranceSeconds` of `now` (unix seconds).
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, now: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
