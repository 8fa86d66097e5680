import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { sameOrigin, signInPage } from "../support/accounts";
import { addVariable, variableRow as row } from "../support/agents";
import { connectLeadSquared, organisationWithKey, waitForCall } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeHubSpot, FAKE_HUBSPOT_TOKEN, type FakeHubSpot } from "../support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY, type FakeLeadSquared } from "../support/fakes/leadsquared";

const CLIENT_SECRET = "hubspot-app-client-secret-5678";
const SECRETS = [FAKE_LSQ_SECRET_KEY, FAKE_LSQ_ACCESS_KEY, FAKE_HUBSPOT_TOKEN, CLIENT_SECRET];

let lsq: FakeLeadSquared;
let hubspot: FakeHubSpot;
let admin: APIRequestContext;
let api: APIRequestContext;
let email: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({
    admin,
    api,
    account: { email },
  } = await organisationWithKey(playwright, baseURL!));
  lsq = createFakeLeadSquared();
  await lsq.start();
  hubspot = createFakeHubSpot();
  await hubspot.start(Number(process.env.E2E_HUBSPOT_PORT));
  // The connect screens are another screen's business; here the CRMs are connected through the API.
  await connectLeadSquared(admin, lsq);
  const hubConnect = await admin.put("/api/v1/integrations/hubspot", { data: { token: FAKE_HUBSPOT_TOKEN, clientSecret: CLIENT_SECRET } });
  expect(hubConnect.status(), await hubConnect.text()).toBe(200);
});
test.afterAll(async () => {
  await lsq.stop();
  await hubspot.stop();
});

/** Saves the screen at both widths, checks nothing overflows sideways at 390 px, and that no secret is in the HTML. */
async function shoot(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screens/agents-${name}-${width}.png`, fullPage: true });
    if (width === 390)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows at 390 px`).toBeLessThanOrEqual(390);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  const html = await page.content();
  for (const secret of SECRETS) expect(html).not.toContain(secret);
}

test("LeadSquared: create an agent, map fields from the CRM's list, preview, build the URL and send a test lead", async ({
  page,
  context,
}) => {
  // One flow over three screens, each photographed at two widths: longer than the default minute on a busy machine.
  test.slow();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInPage(page, email);
  await page.getByRole("link", { name: "Agents" }).click();
  await page.getByRole("link", { name: "New agent" }).click();
  await page.getByRole("button", { name: "Create agent" }).click();
  await expect(page.getByText("Give the agent a name.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("LeadSquared caller");
  await page.getByLabel("Time zone").fill("Asia/Kolkata");
  await shoot(page, "new");
  await page.getByRole("button", { name: "Create agent" }).click();
  await expect(page).toHaveURL(/\/agents\/agt_[0-9a-z]+\?tab=variables$/);
  const agentId = /agt_[0-9a-z]+/.exec(page.url())![0];

  // The dropdown offers what the fake LeadSquared's LeadsMetaData.Get returned.
  await expect(page.getByText(/13 LeadSquared fields, read/)).toBeVisible();
  await addVariable(page, 1, "name", "first", /First Name FirstName/);
  await row(page, 1).getByLabel("Format").selectOption("first_name");
  await addVariable(page, 2, "phone", "phone num", /Phone Number Phone/);
  await addVariable(page, 3, "city", "city", /City mx_City/);
  await addVariable(page, 4, "interest", "interest", /Product Interest mx_Product_Interest/);
  await expect(row(page, 3).getByRole("combobox", { name: "CRM field" })).toHaveValue("mx_City");
  // Rules the server shares with the form are shown next to the input.
  await row(page, 4).getByLabel("Variable name").fill("Interest");
  await page.getByRole("button", { name: "Save variables" }).click();
  await expect(row(page, 4).getByText(/Use lowercase letters/)).toBeVisible();
  await row(page, 4).getByLabel("Variable name").fill("interest");
  await page.getByRole("button", { name: "Save variables" }).click();
  await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();
  const saved = await (await api.get(`/api/v1/agents/${agentId}/variables`)).json();
  expect(saved.variables.map((v: { name: string; field: string }) => `${v.name}=${v.field}`)).toEqual([
    "name=FirstName",
    "phone=Phone",
    "city=mx_City",
    "interest=mx_Product_Interest",
  ]);

  await page
    .getByLabel("Sample lead (JSON, as the CRM sends it)")
    .fill('{"FirstName": "asha verma", "Phone": "098765 43210", "mx_City": "Pune"}');
  await expect(page.getByText("Number to call: +919876543210")).toBeVisible();
  const preview = page.getByRole("table", { name: "Resolved variables" });
  await expect(preview.getByRole("row", { name: /name FirstName asha verma Asha resolved/ })).toBeVisible();
  await expect(preview.getByRole("row", { name: /interest mx_Product_Interest/ })).toContainText(
    "This lead has no field named mx_Product_Interest",
  );
  await shoot(page, "variables");
  // A number that cannot be read stops the call, and the preview says why.
  await page.getByLabel("Sample lead (JSON, as the CRM sends it)").fill('{"FirstName": "asha", "Phone": "12"}');
  await expect(page.getByText(/^No number to call: Phone: /)).toBeVisible();
  await expect(page.getByRole("table", { name: "Resolved variables" }).getByRole("row", { name: /phone Phone 12/ })).toContainText(
    "format failed",
  );

  await page.getByRole("link", { name: "Webhook URL" }).click();
  await expect(page.getByText("Paste an API key or create one for this webhook to see the URL.")).toBeVisible();
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  await expect(page.getByText(/Leadline will not show it again/)).toBeVisible();
  await page.getByLabel("Call from").fill("09:00");
  await page.getByLabel("Call until").fill("18:00");
  await page.getByRole("checkbox", { name: /Carry over/ }).check();
  await page.getByLabel("Retries").fill("3");
  await expect(page.getByLabel(/Before retry \d/)).toHaveCount(3);
  await page.getByLabel("Before retry 1").fill("2");
  await page.getByLabel("Before retry 2").fill("4");
  await expect(page.getByText("Fix the fields marked above to see the URL.")).toBeVisible();
  // The error speaks of the box, not of the URL parameter it becomes.
  await expect(page.getByText("Retry 3’s gap is empty: enter the hours to wait before it, e.g. 2.")).toBeVisible();
  await page.getByLabel("Before retry 3").fill("6");
  const url = page.getByTestId("webhook-url");
  await expect(url).toHaveText(
    new RegExp(
      `/api/call/crm-webhook\\?agent_id=${agentId}&type=leadsquared&x_api_key=ll_[0-9a-z_]+&min_trigger_time=09:00&max_trigger_time=18:00&carry_over=true&num_of_retries=3&gap_between_retries=2,4,6$`,
    ),
  );
  await expect(
    page.getByText("A lead created at 19:00 is called at 09:00 tomorrow, then at 11:00, 15:00, 09:00 2 days later if it fails."),
  ).toBeVisible();
  await expect(
    page.getByText("A lead created at 12:00 is called at 12:00, then at 14:00, 18:00, 09:00 tomorrow if it fails."),
  ).toBeVisible();
  await expect(page.getByText(/Content Type: application\/json/)).toBeVisible();
  await page.getByRole("button", { name: "Copy URL" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await url.textContent());

  await page.getByRole("button", { name: "Send a test lead" }).click();
  await expect(page.getByText("The webhook answered HTTP 200: the lead was accepted.")).toBeVisible();
  await shoot(page, "webhook");
  const callLink = page.getByRole("link", { name: /View call call_/ });
  const callId = /call_[0-9a-z]+/.exec((await callLink.getAttribute("href"))!)![0];
  await expect(page.getByRole("link", { name: /View delivery dlv_/ })).toHaveAttribute("href", /^\/deliveries\/dlv_/);
  await callLink.click();
  await expect(page).toHaveURL(new RegExp(`/calls/${callId}$`));
  // Carried over to 09:00 India time unless the test runs inside the window; either way the lead's values went in.
  const call = (await (await api.get(`/api/v1/calls/${callId}`)).json()).call;
  expect(call).toMatchObject({
    agentId,
    phone: "+919876543210",
    variables: { name: "Asha", phone: "+919876543210", city: "Pune", interest: "2BHK apartment" },
  });

  // The test only posts to this Leadline's own webhook.
  const refused = await page.request.post(`/api/v1/agents/${agentId}/test-lead`, {
    headers: sameOrigin(page.url()),
    data: { url: "http://169.254.169.254/api/call/crm-webhook?agent_id=" + agentId },
  });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.code).toBe("invalid_url");

  await page.goto("/agents");
  await expect(page.getByRole("link", { name: "LeadSquared caller" })).toBeVisible();
  await shoot(page, "list");
  await page.getByRole("link", { name: "LeadSquared caller" }).click();
  await shoot(page, "settings");
  // A rule only the server knows (Vapi needs its ids and key) still lands next to its fields.
  await page.getByLabel("Call provider").selectOption("vapi");
  await page.getByLabel("Calls at once (concurrency cap)").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Allow at least 1 call at a time.")).toBeVisible();
  await page.getByLabel("Calls at once (concurrency cap)").fill("3");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Vapi needs the assistant id that should place the calls.")).toBeVisible();
  await expect(page.getByText("Vapi needs your private API key.")).toBeVisible();
  await page.getByLabel("Call provider").selectOption("simulator");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();
  expect((await (await api.get(`/api/v1/agents/${agentId}`)).json()).agent).toMatchObject({ provider: "simulator", concurrencyCap: 3 });
});

test("HubSpot, with the keyboard only: map contact properties, preview a contact, build the URL, send a signed test event", async ({
  page,
}) => {
  test.slow();
  await signInPage(page, email);
  await page.goto("/agents/new");
  await page.getByLabel("Name", { exact: true }).pressSequentially("HubSpot caller");
  await page.getByLabel("Name", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/\/agents\/agt_[0-9a-z]+\?tab=variables$/);
  const agentId = /agt_[0-9a-z]+/.exec(page.url())![0];

  const pick = async (n: number, name: string, search: string, optionCount?: number) => {
    await page.getByRole("button", { name: "Add variable" }).press("Enter");
    await row(page, n).getByLabel("Variable name").pressSequentially(name);
    await row(page, n).getByLabel("Source").selectOption("hubspot");
    const field = row(page, n).getByRole("combobox", { name: "CRM field" });
    await field.pressSequentially(search);
    if (optionCount !== undefined) await expect(page.getByRole("listbox").getByRole("option")).toHaveCount(optionCount);
    if (optionCount !== 0) {
      await field.press("ArrowDown");
      await field.press("Enter");
    }
  };
  await pick(1, "name", "first", 1);
  await pick(2, "phone", "phone", 2);
  // A property HubSpot does not have yet: free text stays possible.
  await pick(3, "company", "company", 0);
  await expect(row(page, 1).getByRole("combobox", { name: "CRM field" })).toHaveValue("firstname");
  await expect(row(page, 2).getByRole("combobox", { name: "CRM field" })).toHaveValue("phone");
  await expect(page.getByText(/10 HubSpot fields, read/)).toBeVisible();
  await page.getByRole("button", { name: "Save variables" }).press("Enter");
  await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();

  // Reordering with the keyboard, saved as the new order.
  await page.getByRole("button", { name: "Move company up" }).press("Enter");
  await page.getByRole("button", { name: "Save variables" }).press("Enter");
  await expect
    .poll(async () => (await (await api.get(`/api/v1/agents/${agentId}/variables`)).json()).variables.map((v: { name: string }) => v.name))
    .toEqual(["name", "company", "phone"]);

  await page.getByRole("button", { name: "Load last delivery" }).press("Enter");
  await expect(page.getByText("This agent has not received a delivery yet; paste a sample lead instead.")).toBeVisible();
  await page.getByLabel("Preview as").selectOption("hubspot");
  await page
    .getByLabel("Sample lead (JSON, as the CRM sends it)")
    .fill('[{"eventId": 1, "portalId": 48211234, "subscriptionType": "contact.creation", "objectId": 90512345678, "occurredAt": 1}]');
  await expect(page.getByText("Number to call: +919876543210")).toBeVisible();
  const preview = page.getByRole("table", { name: "Resolved variables" });
  await expect(preview.getByRole("row", { name: /name firstname Asha Asha resolved/ })).toBeVisible();
  await expect(preview.getByRole("row", { name: /company company/ })).toContainText("no field named company");
  await shoot(page, "variables-hubspot");

  await page.getByRole("link", { name: "Webhook URL" }).press("Enter");
  const leadsquared = page.getByRole("radio", { name: "LeadSquared" });
  await leadsquared.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "HubSpot" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "A header (X-API-KEY)" })).toBeDisabled();
  await page.getByRole("button", { name: "Create a key for this webhook" }).press("Enter");
  await expect(page.getByTestId("webhook-url")).toBeVisible();
  await page.getByLabel("Call from").fill("00:00");
  await page.getByLabel("Call until").fill("23:59");
  await page.getByLabel("Retries").pressSequentially("3");
  for (const n of [1, 2, 3]) await page.getByLabel(`Before retry ${n}`).pressSequentially("1");
  await expect(page.getByTestId("webhook-url")).toHaveText(
    /type=hubspot&x_api_key=ll_[0-9a-z_]+&min_trigger_time=00:00&max_trigger_time=23:59&num_of_retries=3&gap_between_retries=1,1,1$/,
  );
  await expect(page.getByText("A lead created at 07:30 is called at 07:30, then at 08:30, 09:30, 10:30 if it fails.")).toBeVisible();
  await expect(page.getByText(/Create subscription/)).toBeVisible();

  await page.getByRole("button", { name: "Send a test lead" }).press("Enter");
  await expect(page.getByText("The webhook answered HTTP 200: the lead was accepted.")).toBeVisible();
  await shoot(page, "webhook-hubspot");
  const href = (await page.getByRole("link", { name: /View call call_/ }).getAttribute("href"))!;
  const callId = /call_[0-9a-z]+/.exec(href)![0];
  // HubSpot sends only the contact id: the call reads the first contact of the fake account and calls it.
  const call = await waitForCall(api, callId, (c) => c.status === "completed");
  expect(call.attempts[0]!.outcome).toBe("completed");
  const batchReads = hubspot.requests.filter((r) => r.path === "/crm/v3/objects/contacts/batch/read");
  expect(batchReads.at(-1)!.body).toMatchObject({ inputs: [{ id: "90512345678" }] });
});

test("the field list API answers 409 until a CRM is connected, and never returns secrets", async () => {
  const fields = await admin.get("/api/v1/integrations/leadsquared/fields");
  const text = await fields.text();
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(JSON.parse(text).fields).toHaveLength(13);
  expect((await admin.delete("/api/v1/integrations/hubspot")).status()).toBe(204);
  const missing = await admin.get("/api/v1/integrations/hubspot/fields?refresh=1");
  expect(missing.status()).toBe(409);
  expect((await missing.json()).error).toMatchObject({ code: "not_connected" });
});
