import { expect, test } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { LEAD_WITHOUT_PHONE, seedDashboard } from "../support/dashboard-data";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, FAKE_LSQ_LEADS } from "../support/fakes/leadsquared";
import { screenshots } from "../support/history";

const lsq = createFakeLeadSquared({ leads: [...FAKE_LSQ_LEADS, LEAD_WITHOUT_PHONE] });
let seeded: Awaited<ReturnType<typeof seedDashboard>>;
let reason: string;
test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  await lsq.start();
  seeded = await seedDashboard(playwright, baseURL!, lsq);
  const call = (await (await seeded.api.get(`/api/v1/calls/${seeded.calls.failedBeforeDialing}`)).json()).call;
  reason = call.lastError;
  expect(call.attemptsMade).toBe(0);
  expect(reason).toBeTruthy();
});
test.afterAll(() => lsq.stop());

test("a call that failed before dialing says so, with the reason, in the list and on its page", async ({ page }) => {
  await signInPage(page, seeded.account.email);
  await page.goto("/calls");
  const failed = page.getByRole("row", { name: new RegExp(LEAD_WITHOUT_PHONE.ProspectID!) });
  await expect(failed.locator('td[data-label="Status"]')).toContainText("failed");
  await expect(failed).toContainText(reason);
  await expect(failed).toContainText("no number");
  await expect(failed).not.toContainText("reading from CRM");
  // A lead with a name shows it, with the CRM id beside it as secondary text.
  const named = page.getByRole("row", { name: /Meera/ });
  await expect(named.getByRole("link", { name: "Meera" })).toBeVisible();
  await expect(named.locator("td").first()).toContainText("ui-ok");
  await screenshots(page, "calls-states");

  await failed.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("failed");
  await expect(page.getByText("Failed before dialing: nobody was called")).toBeVisible();
  await expect(page.getByRole("main")).toContainText(reason);
  await expect(page.getByRole("main")).not.toContainText("number not read yet");
  await expect(page.getByRole("main")).not.toContainText("reading from CRM");
  await screenshots(page, "call-failed-before-dialing");
});

test("Replay is offered only where it can succeed; a refused URL says who fixes it, and its error shows once", async ({ page }) => {
  await signInPage(page, seeded.account.email);
  await page.goto("/deliveries");
  // CRM names as people write them, not the parameter's lowercase value.
  await expect(page.getByRole("row", { name: /error/ }).locator('td[data-label="CRM"]')).toHaveText("LeadSquared");

  await page.goto(`/deliveries/${seeded.deliveries.refused}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("error");
  await expect(page.getByRole("button", { name: "Replay" })).toHaveCount(0);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Only the webhook URL saved in LeadSquared can fix this");
  const message = "gap_between_retries has 2 values but num_of_retries is 3";
  await expect(page.getByText(new RegExp(message))).toHaveCount(1);
  await screenshots(page, "delivery-refused");

  await page.goto(`/deliveries/${seeded.deliveries.rejected}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("rejected");
  await expect(page.getByRole("button", { name: "Replay" })).toBeEnabled();
  await expect(page.getByRole("alert")).toHaveCount(0);

  await page.goto(`/deliveries/${seeded.deliveries.accepted}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("accepted");
  await expect(page.getByRole("button", { name: "Replay" })).toHaveCount(0);
});
