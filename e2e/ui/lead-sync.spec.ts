import { expect, test, type Page } from "@playwright/test";
import { connectLeadSquared, organisationWithKey } from "../support/api";
import { signInPage } from "../support/accounts";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, FAKE_LSQ_FIELDS, FAKE_LSQ_USER } from "../support/fakes/leadsquared";
import { sql } from "../support/sql";

// Two LeadSquared accounts: the clinic's (source) and this organisation's connected one (destination), which alone has
// a yes/no field; the source alone has a free-text note.
const source = createFakeLeadSquared({
  accessKey: "u$r-clinic-access-key-0000",
  secretKey: "clinic-secret-key-0123456789abcdef",
  user: { ...FAKE_LSQ_USER, OrgId: "org-clinic", OrgShortCode: "org-clinic", OrgDisplayName: "Clinic" },
  fields: [...FAKE_LSQ_FIELDS, { SchemaName: "mx_Note", DisplayName: "Note", DataType: "Text", IsMandatory: false }],
  leads: [],
  rateLimit: { limit: 500 },
});
const destination = createFakeLeadSquared({
  fields: [...FAKE_LSQ_FIELDS, { SchemaName: "mx_Is_VIP", DisplayName: "Is VIP", DataType: "Boolean", IsMandatory: false }],
  leads: [],
  rateLimit: { limit: 500 },
});

test.beforeAll(async () => {
  await resetDatabase();
  await Promise.all([source.start(), destination.start()]);
});
test.afterAll(async () => Promise.all([source.stop(), destination.stop()]));

const leadByEmail = (email: string) => [...destination.leads.values()].find((l) => l.EmailAddress === email);

async function openLogs(page: Page, connectorPath: string, query = "") {
  await page.goto(`${connectorPath}/logs${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "Sync logs" })).toBeVisible();
}

test("configure a connector, sync a lead, see a broken mapping fail and notify, fix it, retry; the log filters; rotate the secret", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { admin, account } = await organisationWithKey(playwright, baseURL!);
  await connectLeadSquared(admin, destination);

  // Configure: both accounts, fields read from both, Basic settings.
  await signInPage(page, account.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lead Sync" }).click();
  await expect(page.getByText("No Lead Sync connectors yet")).toBeVisible();
  await page.getByRole("link", { name: "New connector" }).click();
  await page.getByLabel("Source host URL").fill(source.baseUrl);
  await page.getByLabel("Source Access Key").fill(source.accessKey);
  await page.getByLabel("Source Secret Key").fill(source.secretKey);
  await page.getByRole("button", { name: "Read both accounts' fields" }).click();
  await expect(
    page.getByText(`${FAKE_LSQ_FIELDS.length + 1} source fields, ${FAKE_LSQ_FIELDS.length + 1} destination fields.`),
  ).toBeVisible();
  const mapping = page.getByRole("list", { name: "Lead field mapping" });
  // Pre-filled with the fields both accounts have, ids and stamps left out; nothing only one account has.
  await expect(mapping.getByRole("listitem", { name: "Mapping EmailAddress" })).toBeVisible();
  await expect(mapping.getByRole("listitem", { name: "Mapping ProspectID" })).toHaveCount(0);
  await expect(mapping.getByRole("listitem", { name: "Mapping mx_Is_VIP" })).toHaveCount(0);
  await expect(page.getByLabel("Search By", { exact: true })).toHaveValue("EmailAddress");
  await page.getByLabel("Connector name").fill("Clinic → Patients");
  await page.getByLabel("Lead source").fill("Clinic account");
  await page.getByLabel("User to notify on failure").selectOption({ label: "Asha (asha@acme.test)" });
  await page.getByLabel("Email the user when a job fails").check();
  await page.getByRole("button", { name: "Save and create the webhook URL" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Clinic → Patients" })).toBeVisible();
  const connectorPath = new URL(page.url()).pathname;
  const webhookUrl = (await page.getByTestId("lead-sync-webhook-url").textContent())!;
  expect(webhookUrl).toMatch(new RegExp(`^${baseURL}/api/lead-sync/lsc_\\w+/\\w+$`));
  await expect(page.getByText("The sync is off")).toBeVisible();
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("button", { name: "Enable sync" }).click();
  await expect(page.getByText("sync on")).toBeVisible();

  // The source's automation posts a new lead: it is created in the destination and logged under New.
  const post = (body: object) => playwright.request.newContext().then((c) => c.post(webhookUrl, { data: body }));
  const first = await post({ ProspectID: "src-1", FirstName: "Meera", EmailAddress: "meera@example.com", Mobile: "9876543210" });
  expect(await first.json()).toMatchObject({ Status: "Success" });
  await expect.poll(() => leadByEmail("meera@example.com")?.FirstName, { timeout: 30_000 }).toBe("Meera");
  expect(leadByEmail("meera@example.com")).toMatchObject({ Mobile: "+919876543210", Source: "Clinic account" });
  await page.getByRole("link", { name: "View logs" }).first().click();
  await expect(page.getByRole("row", { name: /meera@example\.com/ })).toContainText("created");

  // Break the mapping: the source's free-text note into the destination's yes/no field.
  await page.goto(`${connectorPath}?tab=settings`);
  await page.getByRole("button", { name: "Add custom field" }).click();
  const custom = mapping.getByRole("listitem").last();
  await custom.getByRole("combobox", { name: "Source field" }).fill("mx_Note");
  await custom.getByRole("combobox", { name: "Destination field" }).fill("mx_Is_VIP");
  await custom.getByRole("combobox", { name: "Destination field" }).press("Escape");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const second = await post({ ProspectID: "src-2", FirstName: "Ravi", EmailAddress: "ravi@example.com", mx_Note: "maybe" });
  const { jobId } = (await second.json()) as { jobId: string };
  await expect
    .poll(async () => (await sql<{ status: string }>("SELECT status FROM lead_sync_jobs WHERE id = $1", [jobId]))[0]?.status, {
      timeout: 30_000,
    })
    .toBe("failed");
  expect(leadByEmail("ravi@example.com")).toBeUndefined();

  // The failure: in the Failed view with its reason, as a count in the menu, a notice, and a mail in the outbox.
  await openLogs(page, connectorPath, "?view=failed");
  await expect(page.getByRole("row", { name: new RegExp(jobId) })).toContainText('mx_Is_VIP: Is VIP (Boolean): "maybe" is not yes/no');
  await expect(page.getByTestId("lead-sync-failures")).toHaveText("1 failed sync job");
  await page.goto("/lead-sync");
  await expect(page.getByRole("alert").filter({ hasText: "1 failed sync job to look at" })).toContainText(jobId);
  await page.goto("/outbox");
  await expect(page.getByText('Lead Sync "Clinic → Patients": 1 lead failed')).toBeVisible();
  await expect(page.getByRole("row", { name: /asha@acme\.test/ })).toContainText("kept here");

  // Fix it (delete the custom field), Retry the job: it succeeds, the lead is created, the notice ends.
  await page.goto(`${connectorPath}?tab=settings`);
  await page.getByRole("button", { name: "Delete mx_Is_VIP" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto(`${connectorPath}/jobs/${jobId}`);
  await expect(page.getByText("mx_Is_VIP", { exact: false }).first()).toBeVisible();
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("heading", { level: 1 }).locator("[data-status]")).toHaveAttribute("data-status", "succeeded", {
    timeout: 30_000,
  });
  expect(leadByEmail("ravi@example.com")).toMatchObject({ FirstName: "Ravi" });
  await page.reload();
  await expect(page.getByTestId("lead-sync-failures")).toHaveCount(0);

  // Filters: the fixed lead is listed under Updated; job status, sync status and dates narrow each view.
  await openLogs(page, connectorPath, "?view=updated");
  await expect(page.getByRole("row", { name: /ravi@example\.com/ })).toContainText("fixed");
  await openLogs(page, connectorPath, "?view=new");
  await expect(page.getByRole("row", { name: /meera@example\.com/ })).toBeVisible();
  await page.getByLabel("Job status").selectOption("failure");
  await expect(page.getByText("No new leads in this range")).toBeVisible();
  await page.getByLabel("Job status").selectOption("success");
  await expect(page.getByRole("row", { name: /meera@example\.com/ })).toBeVisible();
  await page.getByLabel("Sync status").selectOption("error");
  await expect(page.getByText("No new leads in this range")).toBeVisible();
  await page.getByLabel("Sync status").selectOption("");
  // Meera's job moves to last month: gone from the default seven days, found under Last month.
  await sql(
    "UPDATE lead_sync_jobs SET received_at = date_trunc('month', now()) - interval '3 days' WHERE leads::text LIKE '%meera@example.com%'",
  );
  await page.getByLabel("Date").selectOption("today");
  await expect(page.getByText("No new leads in this range")).toBeVisible();
  await page.getByLabel("Date").selectOption("last_month");
  await expect(page.getByRole("row", { name: /meera@example\.com/ })).toBeVisible();

  // Rotate the secret: a new URL is shown, and the old one is refused exactly as a wrong secret is.
  await page.goto(connectorPath);
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("button", { name: "Yes, rotate the secret" }).click();
  await expect(page.getByRole("status").filter({ hasText: "New webhook URL" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("lead-sync-webhook-url")).not.toHaveText(webhookUrl, { timeout: 15_000 });
  const rotatedUrl = (await page.getByTestId("lead-sync-webhook-url").textContent())!;
  expect(rotatedUrl).toMatch(new RegExp(`^${baseURL}/api/lead-sync/lsc_\\w+/\\w+$`));
  await expect(page.getByRole("status").filter({ hasText: "New webhook URL" })).toContainText(rotatedUrl);
  const old = await post({ ProspectID: "src-3", FirstName: "Old", EmailAddress: "old@example.com" });
  const wrong = await playwright.request
    .newContext()
    .then((c) => c.post(webhookUrl.replace(/\/\w+$/, "/not-the-secret"), { data: { ProspectID: "src-3" } }));
  expect([old.status(), await old.json()]).toEqual([wrong.status(), await wrong.json()]);
  expect(old.status()).toBe(404);
  const fresh = await playwright.request
    .newContext()
    .then((c) => c.post(rotatedUrl, { data: { ProspectID: "src-4", FirstName: "New", EmailAddress: "new@example.com" } }));
  expect(await fresh.json()).toMatchObject({ Status: "Success" });
  await expect.poll(() => leadByEmail("new@example.com")?.FirstName, { timeout: 30_000 }).toBe("New");
  expect(leadByEmail("old@example.com")).toBeUndefined();
});
