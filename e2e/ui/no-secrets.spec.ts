import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs, type Response } from "@playwright/test";
import { applyMigrations } from "../../lib/db/migrate";
import { hubSpotSignatureV3 } from "../../lib/crm/hubspot/signature";
import { createScratchDatabase } from "../../test/databases";
import { PASSWORD, signInPage } from "../support/accounts";
import { dashboardPages, routesOf } from "../support/dashboard-pages";
import { createAgent, organisationWithKey, waitForCall } from "../support/api";
import { seedLeadSync } from "../support/dashboard-data";
import { createFakeHubSpot, FAKE_HUBSPOT_CONTACTS } from "../support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_LEADS, FAKE_LSQ_USER } from "../support/fakes/leadsquared";
import { createFakeVapi } from "../support/fakes/vapi";
import { startAppServer, type AppServer } from "../support/server";

// Every secret Leadline is given, each one unmistakable. Only the last four characters may ever come back.
const SECRETS = {
  lsqAccessKey: "lsq-access-0a1b2c3d4e5f-sweep-ak01",
  lsqSecretKey: "lsq-secret-9z8y7x6w5v4u-sweep-sk02",
  hubSpotToken: "pat-na1-sweep-7c1d2e3f-4a5b-6c7d-tk03",
  hubSpotClientSecret: "hs-client-secret-sweep-5e6f7a8b-cs04",
  vapiApiKey: "vapi-private-key-sweep-1a2b3c4d-vk05",
  mistypedSecretKey: "typed-wrong-secret-sweep-3f4e-ws06",
  leadSyncSourceAccessKey: "lsq-source-access-sweep-2b3c4d-sa07",
  leadSyncSourceSecretKey: "lsq-source-secret-sweep-6e7f8a-ss08",
};

const lsq = createFakeLeadSquared({ accessKey: SECRETS.lsqAccessKey, secretKey: SECRETS.lsqSecretKey });
// The second account a Lead Sync connector reads from, with keys of its own.
const lsqSource = createFakeLeadSquared({
  accessKey: SECRETS.leadSyncSourceAccessKey,
  secretKey: SECRETS.leadSyncSourceSecretKey,
  user: { ...FAKE_LSQ_USER, OrgId: "org-source", OrgShortCode: "org-source" },
});
const hubspot = createFakeHubSpot({ token: SECRETS.hubSpotToken });
const vapi = createFakeVapi({ apiKey: SECRETS.vapiApiKey, reportDelayMs: 100, stepMs: 50 });
// Its own server, so the test can read what the server prints.
let server: AppServer;

test.beforeAll(async () => {
  const url = await createScratchDatabase(process.env.DATABASE_URL!, "leadline_test_secrets");
  await applyMigrations(url);
  await Promise.all([lsq.start(), lsqSource.start(), hubspot.start(), vapi.start()]);
  server = await startAppServer({
    DATABASE_URL: url,
    HUBSPOT_API_BASE_URL: hubspot.baseUrl,
    VAPI_BASE_URL: vapi.url,
    LEADLINE_LEADSQUARED_ALLOWED_HOSTS: "http://127.0.0.1:*",
    LEADLINE_SIMULATOR_DELAY_MS: "300",
  });
});
test.afterAll(async () => {
  await server?.kill();
  await Promise.all([lsq.stop(), lsqSource.stop(), hubspot.stop(), vapi.stop()]);
});

function expectNoSecret(where: string, text: string, secrets: string[]) {
  for (const secret of secrets) {
    // Everything but the last four characters: the whole secret, and any cut-off copy of it long enough to matter.
    expect(text.includes(secret.slice(0, -4)), `${where} contains a secret ending in ${secret.slice(-4)}`).toBe(false);
  }
}

async function setUpEverything(playwright: PlaywrightWorkerArgs["playwright"]) {
  const { admin, api, key, account } = await organisationWithKey(playwright, server.baseURL);
  const put = (crm: string, data: object) => admin.put(`/api/v1/integrations/${crm}`, { data });
  expect(
    (await put("leadsquared", { host: lsq.baseUrl, accessKey: SECRETS.lsqAccessKey, secretKey: SECRETS.mistypedSecretKey })).status(),
  ).toBe(400);
  expect((await put("leadsquared", { host: lsq.baseUrl, accessKey: SECRETS.lsqAccessKey, secretKey: SECRETS.lsqSecretKey })).status()).toBe(
    200,
  );
  expect((await put("hubspot", { token: SECRETS.hubSpotToken, clientSecret: SECRETS.hubSpotClientSecret })).status()).toBe(200);

  const simulator = await createAgent(api, { name: "LeadSquared caller" });
  await api.put(`/api/v1/agents/${simulator.id}/variables`, {
    data: { variables: [{ name: "phone", source: "leadsquared", field: "Phone" }] },
  });
  const vapiAgent = await createAgent(api, {
    name: "Vapi caller",
    provider: "vapi",
    providerSettings: { assistantId: "asst_1", phoneNumberId: "pn_1" },
    providerApiKey: SECRETS.vapiApiKey,
  });
  await api.put(`/api/v1/agents/${vapiAgent.id}/variables`, {
    data: { variables: [{ name: "phone", source: "hubspot", field: "phone" }] },
  });

  // A LeadSquared lead without its phone (read back from LeadSquared with the keys) and a signed HubSpot event.
  const hook = (agentId: string, type: string) =>
    `/api/call/crm-webhook?${new URLSearchParams({ agent_id: agentId, type, x_api_key: key })}`;
  const lead = await admin.post(hook(simulator.id, "leadsquared"), { data: { ProspectID: FAKE_LSQ_LEADS[0]!.ProspectID } });
  const leadCallId = (await lead.json()).results[0].callId as string;
  const raw = JSON.stringify([
    {
      eventId: "1",
      subscriptionId: "7",
      portalId: String(hubspot.hubId),
      occurredAt: String(Date.now()),
      subscriptionType: "contact.creation",
      attemptNumber: 0,
      objectId: FAKE_HUBSPOT_CONTACTS[0]!.id,
    },
  ]);
  const timestamp = String(Date.now());
  const signature = hubSpotSignatureV3({
    clientSecret: SECRETS.hubSpotClientSecret,
    method: "POST",
    uri: `${server.baseURL}${hook(vapiAgent.id, "hubspot")}`,
    rawBody: raw,
    timestamp,
  });
  const event = await admin.post(hook(vapiAgent.id, "hubspot"), {
    data: raw,
    headers: { "content-type": "application/json", "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp },
  });
  expect(event.status(), await event.text()).toBe(200);
  await waitForCall(api, leadCallId, (c) => c.status === "completed");
  const vapiCallId = (await event.json()).results[0].callId as string;
  await waitForCall(api, vapiCallId, (c) => c.attempts[0]?.dialedAt !== null);
  expect(vapi.requests.some((r) => r.headers.authorization === `Bearer ${SECRETS.vapiApiKey}`)).toBe(true);

  // A Lead Sync connector and its job, read with the account's keys before they are rotated away below.
  const leadSync = await seedLeadSync(admin, lsqSource);

  // A re-check that fails, so the error path is swept too.
  lsq.rotateKeys({ secretKey: "rotated-away-secret-key" });
  expect((await (await admin.post("/api/v1/integrations/leadsquared/test")).json()).integration.status).toBe("error");

  const keyId = ((await (await admin.get("/api/v1/api-keys")).json()).apiKeys[0] as { id: string }).id;
  const deliveryId = ((await (await api.get("/api/v1/deliveries")).json()).deliveries[0] as { id: string }).id;
  const ids = {
    agentId: [simulator.id, vapiAgent.id],
    callId: [leadCallId, vapiCallId],
    deliveryId: [deliveryId],
    keyId: [keyId],
    crm: ["leadsquared", "hubspot"],
    connectorId: [leadSync.connectorId],
    jobId: [leadSync.jobId],
    scope: ["org", simulator.id],
  };
  return { admin, api, key, account, ids };
}

async function sweepPage(page: Page, url: string, secrets: string[]) {
  const bodies: Promise<[string, string]>[] = [];
  const onResponse = (r: Response) =>
    void bodies.push(
      r.text().then(
        (t) => [r.url(), t],
        () => [r.url(), ""],
      ),
    );
  page.on("response", onResponse);
  const res = await page.goto(url);
  expect(res!.status(), url).toBeLessThan(500);
  await page.waitForLoadState("networkidle").catch(() => undefined);
  page.off("response", onResponse);
  expectNoSecret(`page ${url}`, await page.content(), secrets);
  for (const [from, text] of await Promise.all(bodies)) expectNoSecret(`${from} (loaded by ${url})`, text, secrets);
}

async function sweepApi(request: APIRequestContext, url: string, secrets: string[]) {
  const res = await request.get(url);
  expect(res.status(), url).toBeLessThan(500);
  expectNoSecret(`GET ${url}`, await res.text(), secrets);
}

test("no page, API answer or server log line contains a secret, only its last four characters", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const { admin, api, key, account, ids } = await setUpEverything(playwright);
  const secrets = [...Object.values(SECRETS), key, PASSWORD, process.env.NEXTAUTH_SECRET, process.env.LEADLINE_ENCRYPTION_KEY].filter(
    (s): s is string => !!s,
  );

  const pages = dashboardPages(ids);
  const apis = routesOf("app/api/v1", "route.ts", ids).map(
    (p) => `/api/v1${p}${p === "/schedule/preview" ? "?created_at=2026-11-23T10:00:00Z" : ""}`,
  );
  expect(pages).toEqual(
    expect.arrayContaining(["/integrations", "/integrations/leadsquared", "/integrations/hubspot", "/api-keys", "/agents"]),
  );
  expect(apis).toEqual(
    expect.arrayContaining(["/api/v1/integrations", `/api/v1/agents/${ids.agentId[1]}`, `/api/v1/calls/${ids.callId[0]}`]),
  );

  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await signInPage(page, account.email);
  for (const url of pages) await sweepPage(page, url, secrets);
  await context.close();
  for (const url of apis) {
    await sweepApi(admin, url, secrets);
    await sweepApi(api, url, secrets);
  }

  // The hints are there, so the sweep looked at real data.
  const listed = await (await admin.get("/api/v1/integrations")).text();
  for (const secret of [SECRETS.lsqSecretKey, SECRETS.hubSpotToken, SECRETS.hubSpotClientSecret])
    expect(listed).toContain(`••••${secret.slice(-4)}`);

  const log = server.output();
  expect(log).toContain("Ready");
  expectNoSecret("the server's output", log, secrets);
});
