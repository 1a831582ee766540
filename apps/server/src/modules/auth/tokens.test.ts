import { describe, expect, it } from "vitest";
import { hashToken, newToken, secureRandomBytes } from "./tokens.ts";

describe("tokens", () => {
  it("are 256-bit, URL-safe and never repeat across pool refills", () => {
    const tokens = Array.from({ length: 1000 }, newToken); // 1000 × 32 bytes spans eight refills of the pool
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("hand out each pooled byte once: consecutive draws do not overlap", () => {
    const a = secureRandomBytes(4000);
    const b = secureRandomBytes(4000);
    expect(a.equals(b)).toBe(false);
    // A copy, not a view of the pool: the next refill does not change bytes already handed out.
    const kept = Buffer.from(a);
    secureRandomBytes(4096);
    expect(a.equals(kept)).toBe(true);
    expect(() => secureRandomBytes(4097)).toThrow(RangeError);
  });

  it("are stored as SHA-256 hashes", () => {
    expect(hashToken("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
  });
});
