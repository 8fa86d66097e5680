import { expect, test } from "@playwright/test";
import { createOrganisationWithCli, PASSWORD, sameOrigin, setUpFirstOrganisation, signInRequest } from "../support/accounts";
import { resetDatabase } from "../support/db";

test.beforeAll(resetDatabase);

test("Lead Sync is for admins, then for the roles or the members an admin grants it to", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL!) });
  const acme = await setUpFirstOrganisation(admin);
  await signInRequest(admin, acme.email);
  const added = await admin.post("/api/v1/members", { data: { name: "Mo", email: "mo@acme.test", password: PASSWORD, role: "member" } });
  expect(added.status()).toBe(201);
  const moId = ((await added.json()) as { member: { id: string } }).member.id;
  const mo = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL!) });
  await signInRequest(mo, "mo@acme.test");

  const moCan = async (expected: 200 | 403) => {
    const api = await mo.get("/api/v1/lead-sync/connectors");
    expect(api.status()).toBe(expected);
    const page = await mo.get("/lead-sync");
    expect(page.status()).toBe(expected);
    if (expected === 403) {
      expect((await api.json()).error).toEqual({
        code: "forbidden",
        message: "You have no access to Lead Sync. Ask an admin to grant it to your role or to you.",
      });
      expect(await page.text()).toContain("403: no access to Lead Sync");
    }
  };

  // Admins always; nobody else by default.
  expect(await (await admin.get("/api/v1/lead-sync/connectors")).json()).toEqual({ connectors: [] });
  await moCan(403);

  // Based on role: members may.
  expect((await admin.put("/api/v1/lead-sync/access", { data: { mode: "role", roles: ["member"] } })).status()).toBe(200);
  await moCan(200);

  // Advanced (user level): only members whose own grant is on.
  const userMode = await admin.put("/api/v1/lead-sync/access", { data: { mode: "user", roles: [] } });
  expect(await userMode.json()).toEqual({ access: { mode: "user", roles: [], grantedUserIds: [] } });
  await moCan(403);
  const granted = await admin.put(`/api/v1/lead-sync/access/members/${moId}`, { data: { granted: true } });
  expect(await granted.json()).toEqual({ access: { mode: "user", roles: [], grantedUserIds: [moId] } });
  await moCan(200);
  await admin.put(`/api/v1/lead-sync/access/members/${moId}`, { data: { granted: false } });
  await moCan(403);

  // Only admins change who has access; bad input says what is wrong.
  expect((await mo.put("/api/v1/lead-sync/access", { data: { mode: "role", roles: ["member"] } })).status()).toBe(403);
  expect((await mo.put(`/api/v1/lead-sync/access/members/${moId}`, { data: { granted: true } })).status()).toBe(403);
  const bad = await admin.put("/api/v1/lead-sync/access", { data: { mode: "everyone" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details[0].field).toBe("mode");
  const noFlag = await admin.put(`/api/v1/lead-sync/access/members/${moId}`, { data: {} });
  expect(noFlag.status()).toBe(400);
  expect((await noFlag.json()).error.details[0]).toEqual({ field: "granted", message: "Send granted: true or false" });

  // Another organisation's people cannot be granted, and its admin sees none of this.
  const globex = await createOrganisationWithCli("Globex", "bo@globex.test");
  const bo = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL!) });
  await signInRequest(bo, globex.email);
  expect((await bo.put(`/api/v1/lead-sync/access/members/${moId}`, { data: { granted: true } })).status()).toBe(404);
  expect(await (await bo.get("/api/v1/lead-sync/access")).json()).toEqual({ access: { mode: "role", roles: [], grantedUserIds: [] } });

  // A cookie-authenticated change from another origin is refused.
  const crossSite = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: "https://evil.test" } });
  await signInRequest(crossSite, acme.email);
  expect((await crossSite.put("/api/v1/lead-sync/access", { data: { mode: "role", roles: [] } })).status()).toBe(403);
});
