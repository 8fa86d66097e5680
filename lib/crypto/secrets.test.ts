import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, secretHint } from "./secrets";

const key = randomBytes(32).toString("base64");

describe("secrets at rest", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("vapi-private-key-123456", key);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("vapi-private-key");
    expect(decryptSecret(sealed, key)).toBe("vapi-private-key-123456");
  });

  it("uses a fresh IV, so equal secrets look different", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a tampered value and a wrong key", () => {
    const sealed = encryptSecret("secret", key);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([...parts.slice(0, 3), flipped.toString("base64url")].join("."), key)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32).toString("base64"))).toThrow();
  });

  it("shows only the last four characters", () => {
    expect(secretHint("abcdefgh1234")).toBe("••••1234");
    expect(secretHint("abc")).toBe("••••");
  });
});
