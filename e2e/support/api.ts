import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { sameOrigin, setUpFirstOrganisation, signInRequest } from "./accounts";
import { FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY } from "./fakes/leadsquared";

/** Connects the organisation to a fake LeadSquared account (its standard keys), as the Integrations page does. */
export async function connectLeadSquared(request: APIRequestContext, account: { baseUrl: string }) {
  const res = await request.put("/api/v1/integrations/leadsquared", {
    data: { host: account.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A fresh organisation (first-run setup) and an API key for it, through the public endpoints. */
export async function organisationWithKey(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string) {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL) });
  const account = await setUpFirstOrganisation(admin);
  await signInRequest(admin, account.email);
  const created = await admin.post("/api/v1/api-keys", { data: { name: "tests" } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-API-KEY": key } });
  return { account, admin, api, key };
}

export async function createAgent(api: APIRequestContext, body: Record<string, unknown> = {}) {
  const res = await api.post("/api/v1/agents", { data: { name: "Sales caller", timezone: "Asia/Kolkata", ...body } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { agent: { id: string } }).agent;
}

type Call = {
  id: string;
  status: string;
  attemptsMade: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastOutcome: string | null;
  attempts: Array<{
    number: number;
    status: string;
    scheduledAt: string;
    dialedAt: string | null;
    outcome: string | null;
    reason: { kind: string; text: string };
  }>;
};

export async function getCall(api: APIRequestContext, id: string): Promise<Call> {
  const res = await api.get(`/api/v1/calls/${id}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { call: Call }).call;
}

/** Polls a call until `done` holds, failing with the last state seen. */
export async function waitForCall(api: APIRequestContext, id: string, done: (c: Call) => boolean, timeoutMs = 30_000): Promise<Call> {
  const deadline = Date.now() + timeoutMs;
  let last = await getCall(api, id);
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`call ${id} did not reach the expected state: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await getCall(api, id);
  }
  return last;
}
