import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signInPage } from "../support/accounts";
import { addVariable, variableRow } from "../support/agents";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY, type FakeLeadSquared } from "../support/fakes/leadsquared";
import { screenshots, secondOrganisation } from "../support/history";

let lsq: FakeLeadSquared;

test.beforeAll(async () => {
  await resetDatabase();
  lsq = createFakeLeadSquared();
  await lsq.start();
});
test.afterAll(() => lsq.stop());

/** A fixed-offset zone where it is now about noon, so a 09:00–18:00 window is open whenever the test runs. */
function zoneAtNoon(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  // IANA's Etc zones count the other way round: Etc/GMT-5 is five hours ahead of UTC.
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

const nav = (page: Page, name: string) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
test("the whole admin journey: setup, connect LeadSquared, map variables, build the URL, a lead is fixed, replayed, dialed, retried and answered", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const zone = zoneAtNoon();

  // First run: the organisation and its admin.
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel("Organisation name").fill("Skyline Homes");
  await page.getByLabel("Default time zone").fill("Asia/Kolkata");
  await page.getByLabel("Default country calling code").fill("+91");
  await page.getByLabel("Your name").fill("Nia");
  await page.getByLabel("Email").fill("nia@skyline.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await screenshots(page, "journey-setup");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPage(page, "nia@skyline.test");

  // Connect LeadSquared (the fake) from the Integrations screen.
  await nav(page, "Integrations").click();
  const card = page.getByRole("region", { name: "LeadSquared" });
  await card.getByRole("link", { name: "Connect LeadSquared" }).click();
  await page.getByLabel("Host URL").fill(lsq.baseUrl);
  await page.getByLabel("Access Key").fill(FAKE_LSQ_ACCESS_KEY);
  await page.getByLabel("Secret Key").fill(FAKE_LSQ_SECRET_KEY);
  await page.getByRole("button", { name: "Connect" }).click();
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Connected");
  await screenshots(page, "journey-integrations");

  // An agent whose admin maps the name but forgets the phone.
  await nav(page, "Agents").click();
  await page.getByRole("link", { name: "New agent" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Site-visit caller");
  await page.getByLabel("Time zone").fill(zone);
  await page.getByRole("button", { name: "Create agent" }).click();
  await expect(page).toHaveURL(/\/agents\/agt_[0-9a-z]+\?tab=variables$/);
  const agentPath = new URL(page.url()).pathname;
  await addVariable(page, 1, "name", "first", /First Name FirstName/);
  await variableRow(page, 1).getByLabel("Format").selectOption("first_name");
  await page.getByRole("button", { name: "Save variables" }).click();
  await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();
  await screenshots(page, "journey-variables");

  // The webhook URL: a window open now, carry-over, two retries 3.6 s apart.
  await page.getByRole("link", { name: "Webhook URL" }).click();
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  await page.getByLabel("Call from").fill("09:00");
  await page.getByLabel("Call until").fill("18:00");
  await page.getByLabel("Time zone").fill(zone);
  await page.getByRole("checkbox", { name: /Carry over/ }).check();
  await page.getByLabel("Retries").fill("2");
  await page.getByLabel("Before retry 1").fill("0.001");
  await page.getByLabel("Before retry 2").fill("0.001");
  const builtUrl = page.getByTestId("webhook-url");
  await expect(builtUrl).toContainText("num_of_retries=2&gap_between_retries=0.001,0.001");
  await expect(page.getByText(/^A lead created at 19:00 is called at 09:00 tomorrow/)).toBeVisible();
  await page.getByRole("button", { name: "Copy URL" }).click();
  const webhookUrl = await page.evaluate(() => navigator.clipboard.readText());
  expect(webhookUrl).toBe(await builtUrl.textContent());
  await screenshots(page, "journey-webhook-url");

  // LeadSquared posts a new lead: no phone mapping, so it is refused for its data (200 + Status: Error, as LeadSquared expects).
  const lead = { ProspectID: "lsq-journey-1", FirstName: "meera iyer", Phone: "+91 98765 40004", EmailAddress: "meera@example.test" };
  const refused = await page.request.post(webhookUrl, { data: lead });
  expect(refused.status()).toBe(200);
  expect(await refused.json()).toMatchObject({ Status: "Error" });

  // The delivery log says what went wrong and how to fix it.
  await nav(page, "Deliveries").click();
  const rejectedRow = page.getByRole("row", { name: /rejected/ });
  await expect(rejectedRow).toContainText('add a variable "phone"');
  await rejectedRow.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("rejected");
  const deliveryPath = new URL(page.url()).pathname;
  await screenshots(page, "journey-delivery-rejected");

  // The fix: map the phone in the Variable Source tab. Then Replay the stored delivery.
  await page.goto(`${agentPath}?tab=variables`);
  await addVariable(page, 2, "phone", "phone num", /Phone Number Phone/);
  await page.getByRole("button", { name: "Save variables" }).click();
  await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();
  await page.goto(deliveryPath);
  await page.getByRole("button", { name: "Replay" }).click();
  const replayed = page.getByRole("status");
  await expect(replayed).toContainText("lsq-journey-1: accepted");
  await replayed.getByRole("link", { name: "open the call" }).click();

  // The call: dialed inside the window, not answered, retried after the 3.6 s gap, answered.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Meera");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("completed", { timeout: 30_000 });
  await expect(page.getByRole("listitem", { name: "Attempt 1" })).toContainText("no answer");
  await expect(page.getByRole("listitem", { name: "Attempt 2" })).toContainText("retried 0.001 hours after the previous attempt");
  await expect(page.getByRole("listitem", { name: "Attempt 2" })).toContainText("completed");
  await expect(page.getByRole("listitem", { name: "Attempt 3" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Variables sent to the agent" })).toContainText("Meera");
  await expect(page.getByRole("region", { name: "Variables sent to the agent" })).toContainText("+919876540004");
  await screenshots(page, "journey-call-detail");

  await nav(page, "Calls").click();
  const meeraRow = page.getByRole("row", { name: /Meera/ });
  await expect(meeraRow).toContainText("completed");
  await expect(meeraRow).toContainText("2 / 3");
  await expect(meeraRow).toContainText("Site-visit caller");

  // Cancel: a lead sent to the same URL with a window that is closed now waits for it, and the admin cancels it.
  const closedWindow = webhookUrl
    .replace("min_trigger_time=09:00", "min_trigger_time=20:00")
    .replace("max_trigger_time=18:00", "max_trigger_time=21:00");
  const waiting = await page.request.post(closedWindow, { data: { ProspectID: "lsq-journey-2", FirstName: "Arjun", Phone: "9876511111" } });
  expect(await waiting.json()).toMatchObject({ Status: "Success" });
  await page.reload();
  await page.getByRole("row", { name: /Arjun/ }).getByRole("link", { name: "Arjun" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("scheduled");
  await expect(page.getByText(/carried over to the window start 20:00/)).toBeVisible();
  await page.getByRole("button", { name: "Cancel call" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("cancelled");

  // Retry now: a number that never answers uses up its attempts; the admin dials it once more.
  const tries = await page.request.post(webhookUrl, { data: { ProspectID: "lsq-journey-3", FirstName: "Ravi", Phone: "9876540000" } });
  const raviCall = (await tries.json()).results[0].callId as string;
  await page.goto(`/calls/${raviCall}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("failed", { timeout: 30_000 });
  await expect(page.getByRole("listitem", { name: "Attempt 3" })).toContainText("no answer");
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByRole("listitem", { name: "Attempt 4" })).toContainText("an admin chose “retry now”", { timeout: 15_000 });
  await screenshots(page, "journey-retry-now");

  // Another organisation's admin sees none of it.
  const other = await secondOrganisation(playwright, baseURL!, "Harbour Estates", "ola@harbour.test");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPage(page, other.account.email);
  await page.goto("/calls");
  await expect(page.getByText("No calls yet", { exact: true })).toBeVisible();
  await page.goto("/deliveries");
  await expect(page.getByText("No webhook deliveries yet", { exact: true })).toBeVisible();
  expect((await page.goto(`/calls/${raviCall}`))?.status()).toBe(404);
  expect((await page.goto(deliveryPath))?.status()).toBe(404);
  expect((await page.goto(agentPath))?.status()).toBe(404);
  expect((await other.api.get(`/api/v1/calls/${raviCall}`)).status()).toBe(404);
});
