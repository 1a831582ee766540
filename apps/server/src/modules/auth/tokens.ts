import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe token with 256 bits of entropy. */
export const newToken = () => randomBytes(32).toString("base64url");

/** Tokens are stored only as SHA-256 hashes; their entropy makes a slow hash unnecessary. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");
