import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { variableRow } from "../support/agents";
import { connectLeadSquared, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, type FakeLeadSquared } from "../support/fakes/leadsquared";

let lsq: FakeLeadSquared;
let admin: APIRequestContext;
let email: string;
let agentId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({
    admin,
    account: { email },
  } = await organisationWithKey(playwright, baseURL!));
  lsq = createFakeLeadSquared();
  await lsq.start();
  await connectLeadSquared(admin, lsq);
  const created = await admin.post("/api/v1/agents", {
    data: { name: "Sales caller with a rather long name for a phone", timezone: "Asia/Kolkata" },
  });
  agentId = ((await created.json()) as { agent: { id: string } }).agent.id;
  const variables = [
    { name: "customer_first_name", source: "leadsquared", field: "FirstName", format: "first_name" },
    { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" },
    { name: "product_interest_detail", source: "leadsquared", field: "mx_Product_Interest", format: "trim" },
  ];
  expect((await admin.put(`/api/v1/agents/${agentId}/variables`, { data: { variables } })).status()).toBe(200);
});
test.afterAll(() => lsq.stop());

async function noSideways(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} scrolls sideways`).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}

test("Variable Source at 1440 px: each row's buttons stay inside it, and the format menu speaks in words, once per format", async ({
  page,
}) => {
  await signInPage(page, email);
  await page.goto(`/agents/${agentId}?tab=variables`);
  for (const n of [1, 2, 3]) {
    const row = variableRow(page, n);
    const box = (await row.boundingBox())!;
    const remove = (await row.getByRole("button", { name: /^Remove / }).boundingBox())!;
    expect(remove.x + remove.width, `Remove of variable ${n} sticks out`).toBeLessThanOrEqual(box.x + box.width);
    expect(remove.x).toBeGreaterThanOrEqual(box.x);
  }
  const form = (await page.locator("form").first().boundingBox())!;
  const last = (await variableRow(page, 3).boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(form.x + form.width);

  const options = await variableRow(page, 1).getByLabel("Format").locator("option").allTextContents();
  expect(options).toHaveLength(9);
  expect(new Set(options).size).toBe(9);
  for (const token of ["phone_e164", "first_name", "title_case", "trim", "None (trim)"]) expect(options).not.toContain(token);
  expect(options[0]).toBe("As written");
  // A stored "trim" shows as its own label, not as "As written".
  await expect(variableRow(page, 3).getByLabel("Format")).toHaveValue("trim");
  await expect(variableRow(page, 3).getByLabel("Format").locator("option:checked")).toHaveText(
    "Spaces tidied (“ Asha   Rao ” → “Asha Rao”)",
  );
  await page.screenshot({ path: "test-results/screens/setup-variables-1440.png", fullPage: true });

  // On a phone the live preview is one card per variable, the status and its reason in view.
  await page.setViewportSize({ width: 390, height: 900 });
  await page.getByLabel("Sample lead (JSON, as the CRM sends it)").fill('{"FirstName": "asha verma", "Phone": "098765 43210"}');
  await expect(page.getByText("Number to call: +919876543210")).toBeVisible();
  const card = page.getByRole("table", { name: "Resolved variables" }).getByRole("row", { name: /product_interest_detail/ });
  await expect(card).toBeVisible();
  const reason = card.getByText("This lead has no field named mx_Product_Interest", { exact: false });
  await reason.scrollIntoViewIfNeeded();
  await expect(reason).toBeInViewport({ ratio: 1 });
  await noSideways(page, "variables with preview");
  await page.screenshot({ path: "test-results/screens/setup-variables-390.png", fullPage: true });
});

test("phone layouts: set-up pages fit 390 px (axe runs on them in every-page.spec); the CRM's zone and token place are offered", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInPage(page, email);
  await page.setViewportSize({ width: 390, height: 900 });
  const pages = [
    ["home", "/"],
    ["agents", "/agents"],
    ["new-agent", "/agents/new"],
    ["agent-settings", `/agents/${agentId}?tab=settings`],
    ["agent-variables", `/agents/${agentId}?tab=variables`],
    ["agent-webhook", `/agents/${agentId}?tab=webhook`],
    ["integrations", "/integrations"],
    ["connect-leadsquared", "/integrations/leadsquared"],
    ["connect-hubspot", "/integrations/hubspot"],
  ] as const;
  // Every page is looked at before failing, so one run names every page that does not fit.
  const findings: string[] = [];
  for (const [name, path] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) findings.push(`${name} scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: `test-results/screens/setup-${name}-390.png`, fullPage: true });
  }
  expect(findings).toEqual([]);

  // The agents list is cards on a phone, each naming its agent.
  await page.goto("/agents");
  await expect(page.getByRole("table", { name: "Agents" }).getByRole("row")).toHaveCount(1);

  // The builder on a phone, with a retry's error and the overnight question showing.
  await page.goto(`/agents/${agentId}?tab=webhook`);
  await page.getByLabel("Call from").fill("09:00");
  await page.getByLabel("Call until").fill("08:00");
  await page.getByLabel("Retries").fill("2");
  await page.getByLabel("Before retry 1").fill("abc");
  await expect(page.getByText("Retry 1’s gap is “abc”: enter hours as a number, e.g. 2 or 0.5.")).toBeVisible();
  await expect(page.getByText("Retry 2’s gap is empty: enter the hours to wait before it, e.g. 2.")).toBeVisible();
  await expect(page.getByText(/overnight: 23 hours/)).toBeVisible();
  await noSideways(page, "builder with errors");
  await page.screenshot({ path: "test-results/screens/setup-builder-errors-390.png", fullPage: true });

  // The LeadSquared account's own zone (read when it was connected) is offered for a new agent.
  await page.goto("/agents/new");
  await expect(page.getByText("Your LeadSquared account works in Asia/Kolkata.")).toBeVisible();
  await page.getByRole("button", { name: "Use Asia/Kolkata" }).click();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Kolkata");
  await expect(page.getByText("Your LeadSquared account works in")).toHaveCount(0);

  // The agent's own default window asks the same question before it is saved.
  await page.goto(`/agents/${agentId}?tab=settings`);
  await page.getByLabel("Calling window from").fill("09:00");
  await page.getByLabel("Calling window until").fill("08:00");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "confirm it" })).toContainText("The default window is overnight: 23 hours");
  await page.getByRole("checkbox", { name: "Yes, call overnight" }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").getByText("Saved.")).toBeVisible();
  const saved = (await (await admin.get(`/api/v1/agents/${agentId}`)).json()) as { agent: { scheduleDefaults: Record<string, string> } };
  expect(saved.agent.scheduleDefaults).toMatchObject({ min_trigger_time: "09:00", max_trigger_time: "08:00" });

  // Where HubSpot keeps the token is said one way, the seed's.
  await page.goto("/integrations/hubspot");
  await expect(page.getByText("Developer → Legacy Apps → your private app → Auth → Access token")).toHaveCount(2);
  expect(await page.content()).not.toContain("Private Apps");
});
