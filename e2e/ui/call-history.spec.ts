import { expect, test } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { createAgent, organisationWithKey, waitForCall } from "../support/api";
import { resetDatabase } from "../support/db";

test.beforeAll(resetDatabase);

test("Call History shows a webhook lead's call and follows it as it is dialed, without a reload", async ({ page, playwright, baseURL }) => {
  const { api, key, account } = await organisationWithKey(playwright, baseURL!);
  const agent = await createAgent(api);
  await api.put(`/api/v1/agents/${agent.id}/variables`, { data: { variables: [{ name: "name", source: "leadsquared", field: "FirstName" }, { name: "phone", source: "leadsquared", field: "Phone" }] } });

  await signInPage(page, account.email);
  await page.getByRole("link", { name: "Calls" }).click();
  await expect(page.getByText("No calls yet.")).toBeVisible();

  // A never-answering test number with one retry 3.6 s later: the row moves through its states on its own.
  const res = await page.request.post(`/api/call/crm-webhook?agent_id=${agent.id}&type=leadsquared&x_api_key=${key}&num_of_retries=1&gap_between_retries=0.001`, {
    data: { ProspectID: "ui-1", FirstName: "Meera", Phone: "+919876500000" },
  });
  const callId = (await res.json()).results[0].callId;
  const row = page.getByRole("row", { name: /Meera/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: "+919876500000" })).toBeVisible();
  await expect(row).toContainText("1 / 2", { timeout: 15_000 });
  await waitForCall(api, callId, (c) => c.status === "failed");
  await expect(row).toContainText("failed", { timeout: 10_000 });
  await expect(row).toContainText("no answer");
  await expect(row).toContainText("2 / 2");
  await page.screenshot({ path: "test-results/screens/call-history.png", fullPage: true });

  // The other lists show what exists: the agent, and the delivery that brought the lead.
  await page.getByRole("link", { name: "Agents" }).click();
  await expect(page.getByText(agent.id)).toBeVisible();
  await page.getByRole("link", { name: "Deliveries" }).click();
  await expect(page.getByRole("row", { name: /leadsquared accepted 1 accepted, 0 duplicate, 0 rejected/ })).toBeVisible();
  await page.getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByText("No CRM is connected yet.")).toBeVisible();
});
