import { describe, expect, it } from "vitest";
import { SECRET_QUERY } from "@/lib/http/security-headers";

describe("SECRET_QUERY", () => {
  it.each([
    "/api/call/crm-webhook?agent_id=agt_1&x_api_key=ll_abc_def",
    "/api/call/crm-webhook?X_API_KEY=ll_abc_def&agent_id=agt_1",
    "/login?email=a%40b.test&password=hunter22",
  ])("keeps %s out of the dev request log", (url) => {
    expect(SECRET_QUERY.test(url)).toBe(true);
  });

  it.each(["/api/call/crm-webhook?agent_id=agt_1&type=leadsquared", "/calls?status=failed", "/api/v1/api-keys"])("logs %s", (url) => {
    expect(SECRET_QUERY.test(url)).toBe(false);
  });
});
