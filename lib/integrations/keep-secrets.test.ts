import { describe, expect, it } from "vitest";
import { keepStoredSecrets } from "@/lib/integrations/keep-secrets";

const names = ["token", "clientSecret"] as const;

describe("keepStoredSecrets", () => {
  it("replaces the secrets given and keeps the ones left empty", () => {
    const stored = { token: "old-token-1234", clientSecret: "old-client-secret" };
    expect(keepStoredSecrets({ token: "new-token-5678" }, stored, names, ["token"])).toEqual({
      ok: true,
      secrets: { token: "new-token-5678", clientSecret: "old-client-secret" },
    });
    expect(keepStoredSecrets({ token: "", clientSecret: "new-client-secret" }, stored, names, ["token"])).toEqual({
      ok: true,
      secrets: { token: "old-token-1234", clientSecret: "new-client-secret" },
    });
  });

  it("names the required secrets that are neither given nor stored", () => {
    expect(keepStoredSecrets({}, null, names, ["token"])).toEqual({ ok: false, missing: ["token"] });
    expect(keepStoredSecrets({ clientSecret: "only-the-client-secret" }, { clientSecret: "x" }, names, ["token"])).toEqual({
      ok: false,
      missing: ["token"],
    });
  });

  it("leaves an optional secret out when there is none", () => {
    expect(keepStoredSecrets({ token: "new-token-5678" }, null, names, ["token"])).toEqual({
      ok: true,
      secrets: { token: "new-token-5678" },
    });
  });

  it("ignores stored secrets that are not asked for", () => {
    expect(keepStoredSecrets({}, { token: "t-12345678", other: "x" } as never, ["token"], ["token"])).toEqual({
      ok: true,
      secrets: { token: "t-12345678" },
    });
  });
});
