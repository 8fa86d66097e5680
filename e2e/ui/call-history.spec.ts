import { readFile } from "node:fs/promises";
import { expect, test, type Route } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { createAgent, organisationWithKey, waitForCall } from "../support/api";
import { resetDatabase } from "../support/db";
import { screenshots, secondOrganisation, tabTo } from "../support/history";

test.beforeAll(resetDatabase);

test("Call History shows a webhook lead's call and follows it as it is dialed, without a reload", async ({ page, playwright, baseURL }) => {
  const { api, key, account } = await organisationWithKey(playwright, baseURL!);
  const agent = await createAgent(api);
  await api.put(`/api/v1/agents/${agent.id}/variables`, {
    data: {
      variables: [
        { name: "name", source: "leadsquared", field: "FirstName" },
        { name: "phone", source: "leadsquared", field: "Phone" },
      ],
    },
  });

  await signInPage(page, account.email);
  await page.getByRole("link", { name: "Calls" }).click();
  await expect(page.getByText("No calls yet", { exact: true })).toBeVisible();

  // A never-answering test number with one retry 3.6 s later: the row moves through its states on its own.
  const res = await page.request.post(
    `/api/call/crm-webhook?agent_id=${agent.id}&type=leadsquared&x_api_key=${key}&num_of_retries=1&gap_between_retries=0.001`,
    {
      data: { ProspectID: "ui-1", FirstName: "Meera", Phone: "+919876500000" },
    },
  );
  const callId = (await res.json()).results[0].callId;
  const row = page.getByRole("row", { name: /Meera/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: "+919876500000" })).toBeVisible();
  await expect(row).toContainText("1 / 2", { timeout: 15_000 });
  await waitForCall(api, callId, (c) => c.status === "failed");
  await expect(row).toContainText("failed", { timeout: 10_000 });
  await expect(row).toContainText("no answer");
  await expect(row).toContainText("2 / 2");
  await expect(row).toContainText("Sales caller");
  await expect(row).toContainText("LeadSquared");

  // The detail answers "why was it called then?": each attempt with its reason, and the delivery it came from.
  await row.getByRole("link", { name: "Meera" }).click();
  await expect(page.getByRole("listitem", { name: "Attempt 2" })).toContainText("retried 0.001 hours after the previous attempt");
  await expect(page.getByRole("region", { name: "Lead from the CRM" })).toContainText("ui-1");
  await page.getByRole("link", { name: /Webhook delivery dlv_/ }).click();
  await expect(page.getByRole("row", { name: /ui-1/ })).toContainText("accepted");
  await expect(page.getByRole("region", { name: "Body" })).toContainText('"FirstName": "Meera"');
});

test("filters, search, chart, CSV, detail with cancel and retry, keyboard only, and another organisation sees none of it", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const { account, api } = await secondOrganisation(playwright, baseURL!, "Initech", "lu@initech.test");
  const agent = await createAgent(api, { name: "Closer" });
  const call = async (name: string, phone: string, schedule: Record<string, string> = {}) => {
    const res = await api.post("/api/v1/calls", { data: { agentId: agent.id, phone, name, schedule } });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { call: { id: string } }).call.id;
  };
  // A window that opens in two hours, carried over: Arjun waits, scheduled, and can be cancelled.
  const start = (new Date().getUTCHours() + 2) % 24;
  const hh = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
  const meera = await call("Meera Iyer", "+919876500000");
  const arjun = await call("Arjun Rao", "+919876511111", {
    min_trigger_time: hh(start),
    max_trigger_time: hh(start + 1),
    carry_over: "true",
    timezone: "UTC",
  });
  const priya = await call("=Priya", "+919876522222");
  await waitForCall(api, meera, (c) => c.status === "failed");
  await waitForCall(api, priya, (c) => c.status === "completed");

  await signInPage(page, account.email);
  await page.goto("/calls");
  await expect(page.getByRole("row")).toHaveCount(4);
  await expect(page.getByRole("row", { name: /Arjun Rao/ })).toContainText(`${hh(start)}`);
  await expect(page.getByRole("row", { name: /Arjun Rao/ })).toContainText("carried over to the window start");
  const chart = page.getByRole("region", { name: /Outcomes per day/ });
  await expect(chart.getByRole("listitem", { name: /: 3 calls \(1 completed, 1 no answer, 1 pending\)$/ })).toBeVisible();
  await screenshots(page, "call-history");

  // Filters go into the URL, so Back undoes them.
  await page.getByLabel("Status").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("row", { name: /Meera Iyer/ })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("row")).toHaveCount(4);
  await page.getByLabel("Search calls").fill("98765 22222");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=98765\+22222/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("row", { name: /=Priya/ })).toBeVisible();
  await page.goto(`/calls?q=arjun&crm=api`);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("CRM")).toHaveValue("api");
  // Two changes in a row, the second before the first's navigation renders (held back here): both stay.
  // The router cancels the superseded request, so continuing it later may find it handled already.
  const slowNavigation = (route: Route) => setTimeout(() => route.continue().catch(() => undefined), 1_000);
  await page.route(/[?&]_rsc=/, slowNavigation);
  await page.getByLabel("CRM").selectOption("");
  await page.getByLabel("Status").selectOption("failed");
  await expect(page).toHaveURL(/\?q=arjun&status=failed$/);
  await expect(page.getByLabel("CRM")).toHaveValue("");
  await page.unroute(/[?&]_rsc=/, slowNavigation);

  // The CSV is the filtered list; a name starting with = cannot run as a spreadsheet formula.
  await page.goto("/calls?outcome=completed");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toMatch(/^call_id,created_at,lead_name,phone,crm/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${priya},`);
  expect(lines[1]).toContain(",'=Priya,'+919876522222,api,");

  // Keyboard only: search, open Arjun's call, cancel it.
  await page.goto("/calls");
  await tabTo(page, page.getByLabel("Search calls"));
  await page.keyboard.type("Arjun");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("row")).toHaveCount(2);
  await tabTo(page, page.getByRole("link", { name: "Arjun Rao" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/calls/${arjun}$`));
  await expect(page.getByRole("button", { name: "Retry now" })).toBeDisabled();
  await tabTo(page, page.getByRole("button", { name: "Cancel call" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("cancelled");
  await expect(page.getByRole("button", { name: "Cancel call" })).toBeDisabled();
  await expect(page.getByText("only a scheduled call can be cancelled")).toBeVisible();

  // Meera's call failed: retry now dials a second attempt, shown in the timeline.
  await page.goto(`/calls/${meera}`);
  await expect(page.getByRole("listitem", { name: "Attempt 1" })).toContainText("no answer");
  await expect(page.getByRole("listitem", { name: "Attempt 1" })).toContainText(/simulator call id \S+/);
  await expect(page.getByRole("button", { name: "Cancel call" })).toBeDisabled();
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(page.getByRole("listitem", { name: "Attempt 2" })).toContainText("an admin chose “retry now”", { timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Variables sent to the agent" })).toContainText("Meera Iyer");
  await expect(page.getByRole("region", { name: "Schedule parameters" })).toContainText("num_of_retries");
  await screenshots(page, "call-detail");

  // The first organisation's admin (set up in the test above) sees none of Initech's calls, in pages or the API.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signInPage(page, "asha@acme.test");
  await page.goto("/calls?q=arjun");
  await expect(page.getByText("No calls match these filters", { exact: true })).toBeVisible();
  expect((await page.goto(`/calls/${meera}`))?.status()).toBe(404);
  const csvOfAcme = await (await page.request.get("/api/v1/calls/export.csv")).text();
  expect(csvOfAcme).not.toContain(meera);
  expect(csvOfAcme).toContain("Meera,'+919876500000,leadsquared");
});
