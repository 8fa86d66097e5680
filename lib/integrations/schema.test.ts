import { describe, expect, it } from "vitest";
import { hubSpotConnectSchema, leadSquaredConnectSchema, requireSecrets, SECRET_PROMPTS } from "@/lib/integrations/schema";

describe("connect schemas", () => {
  it("read empty secrets as “keep the stored one”", () => {
    expect(leadSquaredConnectSchema.parse({ host: " https://api-in21.leadsquared.com ", accessKey: "", secretKey: "  " })).toEqual({
      host: "https://api-in21.leadsquared.com",
      accessKey: undefined,
      secretKey: undefined,
    });
    expect(hubSpotConnectSchema.parse({})).toEqual({ token: undefined, clientSecret: undefined });
  });

  it("refuse secrets too short to be real, on their field", () => {
    const result = leadSquaredConnectSchema.safeParse({ host: "h", accessKey: "abc", secretKey: "long-enough-secret" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["accessKey", SECRET_PROMPTS.accessKey]]);
  });

  it("require every named secret for a first connection", () => {
    const first = requireSecrets(leadSquaredConnectSchema, ["accessKey", "secretKey"]);
    const result = first.safeParse({ host: "https://api-in21.leadsquared.com", accessKey: "", secretKey: "" });
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["accessKey", "secretKey"]);
    const hubspot = requireSecrets(hubSpotConnectSchema, ["token"]);
    expect(hubspot.safeParse({ token: "pat-na1-12345678" }).success).toBe(true);
    expect(hubspot.safeParse({ clientSecret: "client-secret-1234" }).error!.issues[0]!.message).toBe(SECRET_PROMPTS.token);
  });
});
