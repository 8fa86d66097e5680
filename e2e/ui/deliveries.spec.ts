import { expect, test } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { createAgent, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { screenshots, secondOrganisation, tabTo } from "../support/history";

test.beforeAll(resetDatabase);

test("a rejected delivery says how to fix it; after the fix, Replay turns it into a call; another organisation sees none of it", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { api, key, account } = await organisationWithKey(playwright, baseURL!);
  const agent = await createAgent(api, { name: "Follow-up" });
  // The admin forgot the phone mapping: the lead cannot be called.
  await api.put(`/api/v1/agents/${agent.id}/variables`, {
    data: { variables: [{ name: "name", source: "leadsquared", field: "FirstName" }] },
  });
  const webhook = `/api/call/crm-webhook?agent_id=${agent.id}&type=leadsquared&x_api_key=${key}`;
  const rejected = await page.request.post(webhook, {
    data: { ProspectID: "lsq-7", FirstName: "Kavya", Phone: "9876543210", Password: "hunter2" },
  });
  expect((await rejected.json()).Status).toBe("Error");
  const accepted = await page.request.post(
    webhook.replace(`agent_id=${agent.id}`, `agent_id=${agent.id}&num_of_retries=3&gap_between_retries=2,4`),
    { data: { ProspectID: "lsq-8" } },
  );
  expect(accepted.status()).toBe(400);

  await signInPage(page, account.email);
  await page.goto("/deliveries");
  const refused = page.getByRole("row", { name: /rejected/ }).filter({ hasText: "0 accepted, 0 duplicate, 1 rejected" });
  await expect(refused).toContainText('add a variable "phone" that reads Phone or Mobile');
  await expect(refused).toContainText("Follow-up");
  await expect(refused).toContainText("application/json");
  const badUrl = page.getByRole("row", { name: /error/ });
  await expect(badUrl).toContainText(
    "gap_between_retries has 2 values but num_of_retries is 3: give 3 comma-separated gaps in hours, e.g. 2,4,6",
  );
  await screenshots(page, "deliveries");

  await page.getByLabel("Status").selectOption("rejected");
  await expect(page).toHaveURL(/status=rejected/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Status").selectOption("");
  await expect(page.getByRole("row")).toHaveCount(3);

  // Keyboard only: open the rejected delivery from the log.
  await tabTo(page, refused.getByRole("link"));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("rejected");
  const body = page.getByRole("region", { name: "Body" });
  await expect(body).toContainText('"ProspectID": "lsq-7"');
  await expect(body).toContainText('"Password": "[redacted]"');
  await expect(body).not.toContainText("hunter2");
  await expect(page.getByRole("region", { name: "Leads" }).getByRole("row", { name: /lsq-7/ })).toContainText("No variable is named");
  await screenshots(page, "delivery-rejected");

  // The fix: map the phone field. Then Replay: the same request becomes a call.
  await api.put(`/api/v1/agents/${agent.id}/variables`, {
    data: {
      variables: [
        { name: "name", source: "leadsquared", field: "FirstName" },
        { name: "phone", source: "leadsquared", field: "Phone" },
      ],
    },
  });
  await page.getByRole("button", { name: "Replay" }).click();
  const result = page.getByRole("status");
  await expect(result).toContainText("accepted");
  await expect(result).toContainText("lsq-7: accepted");
  await result.getByRole("link", { name: "open the call" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kavya");
  await expect(page.getByText("+919876543210").first()).toBeVisible();
  await page.getByRole("link", { name: /Webhook delivery/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("accepted");
  await expect(page.getByRole("button", { name: "Replay" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Leads" }).getByRole("link", { name: "Open call" })).toBeVisible();

  // Another organisation's admin: an empty log, and a 404 for this delivery.
  const deliveryId = new URL(page.url()).pathname.split("/").pop()!;
  const other = await secondOrganisation(playwright, baseURL!, "Globex", "bo@globex.test");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPage(page, other.account.email);
  await page.goto("/deliveries");
  await expect(page.getByText("No webhook deliveries yet", { exact: true })).toBeVisible();
  expect((await page.goto(`/deliveries/${deliveryId}`))?.status()).toBe(404);
  expect((await other.api.post(`/api/v1/deliveries/${deliveryId}/replay`)).status()).toBe(404);
});
