/**
 * Secrets in outgoing email links, both keyed by SECRET (a key of its own per use):
 *
 * - the resident's **tracking token**, which only the resident has (its hash is stored), is kept
 *   sealed (AES-256-GCM) on the ticket when an email address was given, so that later emails can
 *   link to the tracking page;
 * - an **unsubscribe token** names a ticket and a recipient (customer row), signed with HMAC-SHA256
 *   (128-bit tag), so that the one-click link needs nothing stored.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { secureRandomBytes } from "../auth/tokens.ts";

const keyFor = (secret: string, use: string) => createHmac("sha256", secret).update(`yhteys/${use}/v1`).digest();

/** Encrypts tracking tokens for the ticket row; `open` gives null for anything it did not seal. */
export function trackingTokenSeal(secret: string) {
  const key = keyFor(secret, "tracking-token-seal");
  return {
    seal(token: string): string {
      const iv = secureRandomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed: string | null): string | null {
      if (!sealed?.startsWith("v1.")) return null;
      const raw = Buffer.from(sealed.slice(3), "base64url");
      if (raw.length < 29) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        return null; // sealed under another SECRET
      }
    },
  };
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ""), "hex");
const uuidOf = (b: Buffer) => {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** An unsubscribe token: 64 base64url characters (ticket id, customer id, 16-byte tag). */
export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{64}$/;

export function unsubscribeTokens(secret: string) {
  const key = keyFor(secret, "email-unsubscribe");
  const tag = (ids: Buffer) => createHmac("sha256", key).update(ids).digest().subarray(0, 16);
  return {
    sign(ticketId: string, customerId: string): string {
      const ids = Buffer.concat([uuidBytes(ticketId), uuidBytes(customerId)]);
      return Buffer.concat([ids, tag(ids)]).toString("base64url");
    },
    /** The ticket and customer the token names, or null when it was not signed here. */
    verify(token: string): { ticketId: string; customerId: string } | null {
      if (!UNSUBSCRIBE_TOKEN.test(token)) return null;
      const raw = Buffer.from(token, "base64url");
      if (raw.length !== 48) return null;
      const ids = raw.subarray(0, 32);
      if (!timingSafeEqual(tag(ids), raw.subarray(32))) return null;
      return { ticketId: uuidOf(ids.subarray(0, 16)), customerId: uuidOf(ids.subarray(16)) };
    },
  };
}
