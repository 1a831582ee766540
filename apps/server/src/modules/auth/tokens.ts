import { createHash, randomFillSync } from "node:crypto";

/**
 * Random bytes from the operating system's CSPRNG, drawn from a pool refilled 4 KiB at a time:
 * one system call per 128 tokens instead of one per token (a submission makes one or two, and in a
 * virtual machine each call costs tens of microseconds under load). Each byte is handed out once.
 */
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

export function secureRandomBytes(size: number): Buffer {
  if (size > pool.length) throw new RangeError("secureRandomBytes: at most 4096 bytes at a time");
  if (used + size > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + size));
  used += size;
  return bytes;
}

/** A random URL-safe token with 256 bits of entropy. */
export const newToken = () => secureRandomBytes(32).toString("base64url");

/** Tokens are stored only as SHA-256 hashes; their entropy makes a slow hash unnecessary. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
