import { describe, expect, it } from "vitest";
import { dismissNoticesSchema, fieldListsInputSchema, leadSyncGrantSchema } from "./dashboard-schema";

describe("the Lead Sync dashboard's inputs", () => {
  it("reads both accounts for the field lists: the org's integration or a host with keys, empty keys kept", () => {
    expect(
      fieldListsInputSchema.parse({
        source: { host: " https://api-in21.leadsquared.com ", accessKey: "" },
        destination: { useIntegration: true },
      }),
    ).toEqual({
      source: { host: "https://api-in21.leadsquared.com", accessKey: undefined, secretKey: undefined },
      destination: { useIntegration: true },
    });
    const missingHost = fieldListsInputSchema.safeParse({ source: { host: "" }, destination: { useIntegration: false, host: "" } });
    expect(missingHost.success).toBe(false);
    expect(missingHost.error!.issues.map((i) => i.path.join("."))).toEqual(["source.host", "destination.host"]);
  });

  it("wants a boolean grant and at least one notice id", () => {
    expect(leadSyncGrantSchema.safeParse({ granted: "yes" }).error!.issues[0]!.message).toBe("Send granted: true or false");
    expect(dismissNoticesSchema.safeParse({ ids: [] }).error!.issues[0]!.message).toBe("Name at least one notice");
    expect(dismissNoticesSchema.parse({ ids: ["lsn_1"] })).toEqual({ ids: ["lsn_1"] });
  });
});
