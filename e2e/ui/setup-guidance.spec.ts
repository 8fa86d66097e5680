import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createOrganisationWithCli, sameOrigin, signInPage, signInRequest } from "../support/accounts";
import { connectLeadSquared, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeHubSpot, FAKE_HUBSPOT_TOKEN, type FakeHubSpot } from "../support/fakes/hubspot";
import { createFakeLeadSquared, type FakeLeadSquared } from "../support/fakes/leadsquared";

let lsq: FakeLeadSquared;
let hubspot: FakeHubSpot;
let admin: APIRequestContext;
let email: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({
    admin,
    account: { email },
  } = await organisationWithKey(playwright, baseURL!));
  lsq = createFakeLeadSquared();
  await lsq.start();
  hubspot = createFakeHubSpot();
  await hubspot.start(Number(process.env.E2E_HUBSPOT_PORT));
});
test.afterAll(async () => {
  await lsq.stop();
  await hubspot.stop();
});

/** An agent whose variables all read LeadSquared, through the API the dashboard uses. */
async function leadSquaredAgent(api: APIRequestContext, name: string, zone = "Asia/Kolkata") {
  const created = await api.post("/api/v1/agents", { data: { name, timezone: zone } });
  expect(created.status(), await created.text()).toBe(201);
  const { agent } = (await created.json()) as { agent: { id: string } };
  const variables = [
    { name: "name", source: "leadsquared", field: "FirstName" },
    { name: "phone", source: "leadsquared", field: "Phone" },
  ];
  const saved = await api.put(`/api/v1/agents/${agent.id}/variables`, { data: { variables } });
  expect(saved.status(), await saved.text()).toBe(200);
  return agent.id;
}

const steps = (page: Page) => page.getByRole("list", { name: "Set-up steps" }).getByRole("listitem");

test("a new admin lands on the four set-up steps, each ticked from real data, until a lead arrives", async ({ page }) => {
  test.slow();
  await signInPage(page, email);
  await expect(page.getByRole("heading", { name: "Welcome, Asha" })).toBeVisible();
  await expect(page.getByText("0 of 4 steps done.")).toBeVisible();
  await expect(steps(page)).toHaveText([/^1\. Connect your CRM/, /^2\. Create an agent/, /^3\. Map the CRM/, /^4\. Paste the webhook URL/]);
  await expect(page.getByRole("listitem", { name: /Step 1: Connect your CRM, to do/ })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/screens/first-run-390.png", fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.getByRole("link", { name: "Connect a CRM" }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  await connectLeadSquared(admin, lsq);
  // An agent without the phone variable is an agent, but its variables are not mapped yet.
  const created = await admin.post("/api/v1/agents", { data: { name: "Sales caller", timezone: "Asia/Kolkata" } });
  const { agent } = (await created.json()) as { agent: { id: string } };
  await admin.put(`/api/v1/agents/${agent.id}/variables`, {
    data: { variables: [{ name: "name", source: "leadsquared", field: "FirstName" }] },
  });
  await page.goto("/");
  await expect(page.getByText("2 of 4 steps done.")).toBeVisible();
  await expect(page.getByRole("listitem", { name: /Step 1: .*, done/ })).toContainText("LeadSquared connected.");
  await expect(page.getByRole("listitem", { name: /Step 2: .*, done/ })).toContainText("Sales caller is ready.");
  await expect(page.getByRole("listitem", { name: /Step 3: .*, to do/ })).toContainText("include the phone variable (phone)");
  await page.screenshot({ path: "test-results/screens/first-run-1440.png", fullPage: true });

  await page.getByRole("link", { name: "Open Variable Source" }).click();
  await expect(page).toHaveURL(new RegExp(`/agents/${agent.id}\\?tab=variables$`));
  await admin.put(`/api/v1/agents/${agent.id}/variables`, {
    data: {
      variables: [
        { name: "name", source: "leadsquared", field: "FirstName" },
        { name: "phone", source: "leadsquared", field: "Phone" },
      ],
    },
  });
  await page.goto("/");
  await expect(page.getByText("3 of 4 steps done.")).toBeVisible();

  // The last step is done by a real delivery: a test lead sent from the builder the step links to.
  await page.getByRole("link", { name: "Open Webhook URL" }).click();
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  await page.getByRole("button", { name: "Send a test lead" }).click();
  await expect(page.getByText("The webhook answered HTTP 200: the lead was accepted.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/calls$/);
});

test("the builder warns of a CRM the variables do not read, names the cause when the call fails, and says when a call is placed", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.slow();
  const account = await createOrganisationWithCli("Harbour Homes", "bo@harbour.test");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL!) });
  await signInRequest(api, account.email);
  await connectLeadSquared(api, lsq);
  expect((await api.put("/api/v1/integrations/hubspot", { data: { token: FAKE_HUBSPOT_TOKEN } })).status()).toBe(200);
  const agentId = await leadSquaredAgent(api, "Harbour caller");

  await signInPage(page, account.email);
  await page.goto(`/agents/${agentId}?tab=webhook`);
  // Leadline runs on 127.0.0.1 here: the URL is fine for a test lead, never for a cloud CRM.
  await expect(page.getByText("LeadSquared and HubSpot cannot reach this URL: 127.0.0.1 is this computer.")).toBeVisible();
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "does not match" })).toHaveCount(0);

  await page.getByRole("radio", { name: "HubSpot" }).check();
  const mismatch = page.getByRole("alert").filter({ hasText: "This CRM does not match the agent's variables" });
  await expect(mismatch).toContainText(
    "Every variable of this agent reads LeadSquared fields, so a HubSpot lead would arrive with no number to call and fail.",
  );
  await expect(page.getByText("Developer → Legacy Apps → your private app → Auth → Access token")).toBeVisible();
  await page.getByRole("button", { name: "Send a test lead" }).click();
  // The CRM is read first, then the call ends with the real cause, not "no variable is named phone".
  await expect(page.getByText("Accepted, then ended before dialing: no call will be placed.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("status", { name: "Test lead result" })).toContainText(
    'The variable "phone" reads LeadSquared\'s Phone, but this lead came from HubSpot',
  );

  // An AM/PM slip: until 08:00 after from 09:00 is said in words, and the URL waits for an answer.
  await page.getByRole("radio", { name: "LeadSquared" }).check();
  await expect(mismatch).toHaveCount(0);
  await page.getByLabel("Call from").fill("09:00");
  await page.getByLabel("Call until").fill("08:00");
  const overnight = page.getByRole("alert").filter({ hasText: "An overnight window" });
  await expect(overnight).toContainText("overnight: 23 hours, from 9:00 AM until 8:00 AM the next day");
  await expect(overnight).toContainText("Did you mean 9:00 AM to 8:00 PM?");
  await expect(page.getByTestId("webhook-url")).toHaveCount(0);
  await overnight.getByRole("button", { name: "Use 9:00 AM to 8:00 PM" }).click();
  await expect(page.getByLabel("Call until")).toHaveValue("20:00");
  await expect(page.getByTestId("webhook-url")).toContainText("min_trigger_time=09:00&max_trigger_time=20:00");

  // A real overnight window, once confirmed, is built as asked.
  await page.getByLabel("Call from").fill("22:00");
  await page.getByLabel("Call until").fill("06:00");
  await expect(page.getByRole("alert").filter({ hasText: "An overnight window" })).toContainText("8 hours, from 10:00 PM until 6:00 AM");
  await page.getByRole("checkbox", { name: "Yes, call overnight" }).check();
  await expect(page.getByTestId("webhook-url")).toContainText("min_trigger_time=22:00&max_trigger_time=06:00");

  // A window that opens in two hours, with carry-over: the test lead says when, in words and in both zones.
  const zone = "Asia/Kolkata";
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(new Date()));
  const at = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
  await page.getByLabel("Call from").fill(at(hour + 2));
  await page.getByLabel("Call until").fill(at(hour + 3));
  if ((hour + 3) % 24 < (hour + 2) % 24) await page.getByRole("checkbox", { name: "Yes, call overnight" }).check();
  await page.getByRole("checkbox", { name: /Carry over/ }).check();
  await page.getByRole("button", { name: "Send a test lead" }).click();
  const result = page.getByRole("status", { name: "Test lead result" });
  await expect(result).toContainText("Accepted: a call is scheduled.");
  await expect(result).toContainText(
    new RegExp(`The call will be placed \\w{3} ${at(hour + 2)} ${zone}, .* your time \\(.+\\), in (1 h( \\d+ min)?|2 h) \\(carried over`),
  );
  await page.screenshot({ path: "test-results/screens/test-lead-carried-over.png", fullPage: true });

  // Deleting asks first, and a refusal (that scheduled call) is shown as the server says it.
  await page.goto(`/agents/${agentId}?tab=settings`);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete agent Harbour caller" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "still has" })).toContainText(
    "still has 1 scheduled or live calls. Cancel them first, then delete the agent.",
  );
  const calls = (await (await api.get(`/api/v1/calls?agent_id=${agentId}&status=scheduled`)).json()) as { calls: { id: string }[] };
  for (const call of calls.calls) expect((await api.post(`/api/v1/calls/${call.id}/cancel`)).status()).toBe(200);
  page.once("dialog", (d) => void d.dismiss());
  await page.getByRole("button", { name: "Delete agent Harbour caller" }).click();
  expect((await api.get(`/api/v1/agents/${agentId}`)).status()).toBe(200);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete agent Harbour caller" }).click();
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByText("No agents yet")).toBeVisible();
  expect((await api.get(`/api/v1/agents/${agentId}`)).status()).toBe(404);
});
