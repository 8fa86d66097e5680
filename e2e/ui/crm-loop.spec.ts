// The done-when journey: one click registers the webhook in (fake) LeadSquared, a lead created there is
// posted by LeadSquared itself to the registered URL, the simulated call ends, and its outcome is written back with
// the call's summary, recording link and transcript.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SIMULATED_SUMMARY } from "../../lib/providers/voice/simulator";
import { signInPage } from "../support/accounts";
import { connectLeadSquared, createAgent, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, type FakeLeadSquared } from "../support/fakes/leadsquared";
import { sql } from "../support/sql";

let lsq: FakeLeadSquared;
let admin: APIRequestContext;
let email: string;
let agentId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  lsq = createFakeLeadSquared();
  await lsq.start();
  const org = await organisationWithKey(playwright, baseURL!);
  ({ admin } = org);
  email = org.account.email;
  agentId = (await createAgent(org.api, { name: "Loop caller" })).id;
  const variables = [
    { name: "name", source: "leadsquared", field: "FirstName" },
    { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" },
  ];
  expect((await org.api.put(`/api/v1/agents/${agentId}/variables`, { data: { variables } })).status()).toBe(200);
  await connectLeadSquared(admin, lsq);
});
test.afterAll(() => lsq.stop());

test("one click registers the webhook, LeadSquared posts a new lead through it, the call ends and its activity is written back", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInPage(page, email);

  // Write-back on: an activity after each attempt, of a type created here in LeadSquared (the next code, 203).
  await page.goto(`/agents/${agentId}?tab=write-back`);
  await page.getByLabel("Write call outcomes to the CRM").selectOption("each_attempt");
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await expect(page.getByText("Give the activity type a name.")).toBeVisible();
  await page.getByLabel("Name for a new activity type").fill("Activity type 201");
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await expect(page.getByText("An activity type named 'Activity type 201' already exists")).toBeVisible();
  await page.getByLabel("Name for a new activity type").fill("Leadline call");
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created “Leadline call” (203)" })).toBeVisible();
  await expect(page.getByLabel("LeadSquared activity type")).toHaveValue("203");
  await page.getByRole("button", { name: "Save write-back" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Write-back saved." })).toBeVisible();

  // One click in the URL builder registers the webhook in LeadSquared.
  await page.goto(`/agents/${agentId}?tab=webhook`);
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  await expect(page.getByTestId("webhook-url")).toBeVisible();
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created in LeadSquared" })).toBeVisible({ timeout: 20_000 });
  expect(lsq.webhooks).toHaveLength(1);

  // A lead is created in LeadSquared; the account posts it to the registered URL with the registered header.
  const made = await fetch(
    `${lsq.baseUrl}/v2/LeadManagement.svc/Lead.Create?accessKey=${encodeURIComponent(lsq.accessKey)}&secretKey=${lsq.secretKey}`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([
        { Attribute: "FirstName", Value: "Kavya" },
        { Attribute: "LastName", Value: "Loop" },
        { Attribute: "Phone", Value: "+919811122345" },
      ]),
    },
  );
  const leadId = ((await made.json()) as { Message: { Id: string } }).Message.Id;
  await lsq.webhooksSettled();
  expect(lsq.webhookDeliveries).toEqual([expect.objectContaining({ webhookId: lsq.webhooks[0]!.WebhookId, status: 200 })]);

  // The call it placed ends (the simulator answers this number) and its write shows "written".
  const [task] = await sql<{ id: string }>("SELECT id FROM call_tasks WHERE crm_lead_id = $1", [leadId]);
  expect(
    task,
    `the posted lead placed no call: ${JSON.stringify(await sql("SELECT http_status, event_type, error_message FROM deliveries"))}`,
  ).toBeDefined();
  await page.goto(`/calls/${task!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("completed", { timeout: 60_000 });
  const write = page.getByTestId("crm-write");
  // The write list refreshes every 10 s while it is empty, so one loaded before the call ended shows it a little later.
  await expect(write).toHaveCount(1, { timeout: 20_000 });
  await expect(write.getByTestId("crm-write-state")).toHaveText("written", { timeout: 60_000 });

  // The call's page shows what the simulator reported: the summary, a plain link to the recording, and the
  // transcript folded away until asked for.
  const timeline = page.getByRole("listitem", { name: "Attempt 1" });
  await expect(timeline).toContainText(`Summary: ${SIMULATED_SUMMARY}`);
  const [attempt] = await sql<{ number: number; dialed_at: Date; ended_at: Date; provider_call_id: string; transcript: string }>(
    "SELECT number, dialed_at, ended_at, provider_call_id, transcript FROM call_attempts WHERE task_id = $1",
    [task!.id],
  );
  const recording = `https://recordings.simulator.invalid/${attempt!.provider_call_id}.wav`;
  await expect(timeline.getByRole("link", { name: "Recording" })).toHaveAttribute("href", recording);
  expect(attempt!.transcript).toMatch(/^AI: Hello Kavya, /);
  const firstLine = attempt!.transcript.split("\n")[0]!;
  await expect(timeline.getByText(firstLine)).toBeHidden();
  await timeline.getByText("Transcript", { exact: true }).click();
  await expect(timeline.getByText(firstLine)).toBeVisible();
  await page.screenshot({ path: "test-results/screens/crm-loop-call.png", fullPage: true });

  // The activity in LeadSquared carries the attempt's outcome, number, duration and provider call id, then the
  // recording link, the simulator's summary and the transcript.
  const call = (await (await admin.get(`/api/v1/calls/${task!.id}`)).json()) as { call: { maxAttempts: number } };
  const seconds = Math.round((attempt!.ended_at.getTime() - attempt!.dialed_at.getTime()) / 1000);
  expect(attempt!.provider_call_id).toBeTruthy();
  expect(lsq.activities).toEqual([
    {
      Id: expect.any(String),
      RelatedProspectId: leadId,
      ActivityEvent: 203,
      ActivityDateTime: attempt!.ended_at.toISOString().slice(0, 19).replace("T", " "),
      ActivityNote: [
        `Leadline AI call, attempt 1 of ${call.call.maxAttempts}: answered (final)`,
        `Duration: ${seconds} s`,
        `Provider call id: ${attempt!.provider_call_id}`,
        "Provider's reason: simulated: answered and talked",
        `Recording: ${recording}`,
        `Summary: ${SIMULATED_SUMMARY}`,
        "",
        "Transcript:",
        attempt!.transcript,
      ].join("\n"),
      Fields: [],
    },
  ]);
});
