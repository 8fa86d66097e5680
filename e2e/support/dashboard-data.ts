import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import { createAgent, organisationWithKey, waitForCall } from "./api";
import { FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_LEADS, FAKE_LSQ_SECRET_KEY, type FakeLead, type FakeLeadSquared } from "./fakes/leadsquared";

/** A LeadSquared lead with neither Phone nor Mobile: read from the CRM, it can never be called. */
export const LEAD_WITHOUT_PHONE: FakeLead = {
  ...FAKE_LSQ_LEADS[0]!,
  ProspectID: "0b7c9d2e-1f3a-4b5c-8d6e-7f8091a2b3c4",
  FirstName: "Nikhil",
  LastName: "Joshi",
  Phone: null,
  Mobile: null,
};

/**
 * An organisation with something in every state a page can show: a connected LeadSquared, an agent, a completed
 * call, a call that failed before dialing, a rejected and a refused delivery, an API key and a second person.
 */
export async function seedDashboard(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, lsq: FakeLeadSquared) {
  const { account, admin, api, key } = await organisationWithKey(playwright, baseURL);
  const connect = await admin.put("/api/v1/integrations/leadsquared", {
    data: { host: lsq.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
  });
  expect(connect.status(), await connect.text()).toBe(200);
  const agent = await createAgent(api);
  await api.put(`/api/v1/agents/${agent.id}/variables`, {
    data: {
      variables: [
        { name: "name", source: "leadsquared", field: "FirstName" },
        { name: "phone", source: "leadsquared", field: "Phone" },
      ],
    },
  });
  const unmapped = await createAgent(api, { name: "Follow-up" });
  const hook = (agentId: string, extra = "") => `/api/call/crm-webhook?agent_id=${agentId}&type=leadsquared&x_api_key=${key}${extra}`;
  const post = async (url: string, data: object) => (await admin.post(url, { data })).json();

  const answered = await post(hook(agent.id), { ProspectID: "ui-ok", FirstName: "Meera", Phone: "+919876543210" });
  const completedId = answered.results[0].callId as string;
  // No phone in the body, so Leadline reads the lead from LeadSquared, which has none either.
  const noPhone = await post(hook(agent.id), { ProspectID: LEAD_WITHOUT_PHONE.ProspectID });
  const failedId = noPhone.results[0].callId as string;
  await post(hook(unmapped.id), { ProspectID: "ui-rejected", FirstName: "Kavya", Phone: "+919876500002" });
  const refused = await admin.post(hook(agent.id, "&num_of_retries=3&gap_between_retries=2,4"), { data: { ProspectID: "ui-bad" } });
  expect(refused.status()).toBe(400);

  await waitForCall(api, completedId, (c) => c.status === "completed");
  await waitForCall(api, failedId, (c) => c.status === "failed");
  await admin.post("/api/v1/members", {
    data: { name: "Ravi", email: "ravi@acme.test", password: "correct horse battery", role: "member" },
  });

  const deliveries = (await (await api.get("/api/v1/deliveries")).json()).deliveries as Array<{ id: string; status: string }>;
  const deliveryOf = (status: string) => deliveries.find((d) => d.status === status)!.id;
  return {
    account,
    admin,
    api,
    agents: { mapped: agent.id, unmapped: unmapped.id },
    calls: { completed: completedId, failedBeforeDialing: failedId },
    deliveries: { accepted: deliveryOf("accepted"), rejected: deliveryOf("rejected"), refused: deliveryOf("error") },
  };
}

/**
 * A Lead Sync connector from `source` into the connected LeadSquared account, and one job: a delivery posted while
 * the sync is off, logged as failed (so its notice and the Failed view have something to show).
 */
export async function seedLeadSync(admin: APIRequestContext, source: FakeLeadSquared) {
  const mapped = (name: string) => ({ source: name, destination: name });
  const created = await admin.post("/api/v1/lead-sync/connectors", {
    data: {
      config: {
        name: "Clinic → Patients",
        leadSource: "Clinic account",
        defaultCountryCode: "91",
        sourceTimeZone: "Asia/Kolkata",
        searchBy: "EmailAddress",
        secondarySearchBy: "Mobile",
        lead: { behaviour: "capture", fields: ["FirstName", "EmailAddress", "Mobile"].map(mapped) },
        activity: { enabled: false, behaviour: "capture", fields: [] },
      },
      destination: { useIntegration: true },
      source: { host: source.baseUrl, accessKey: source.accessKey, secretKey: source.secretKey },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { connector } = (await created.json()) as { connector: { id: string; webhookUrl: string } };
  const posted = await admin.post(connector.webhookUrl, { data: { FirstName: "Meera", EmailAddress: "meera@example.com" } });
  const { jobId } = (await posted.json()) as { jobId: string };
  return { connectorId: connector.id, jobId };
}
