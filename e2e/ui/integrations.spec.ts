import { expect, test, type Locator, type Page } from "@playwright/test";
import { freePort } from "../../scripts/postgres";
import { sameOrigin, setUpFirstOrganisation, signInPage } from "../support/accounts";
import { resetDatabase } from "../support/db";
import { createFakeHubSpot, FAKE_HUBSPOT_SCOPES, FAKE_HUBSPOT_TOKEN, type FakeHubSpot } from "../support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY, type FakeLeadSquared } from "../support/fakes/leadsquared";

let lsq: FakeLeadSquared;
let hubspot: FakeHubSpot;
let email: string;
const hint = (secret: string) => `••••${secret.slice(-4)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/integrations-${name}.png`, fullPage: true });

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  email = (await setUpFirstOrganisation(await playwright.request.newContext({ baseURL }))).email;
  lsq = createFakeLeadSquared();
  await lsq.start();
  hubspot = createFakeHubSpot();
  await hubspot.start(Number(process.env.E2E_HUBSPOT_PORT));
});
test.afterAll(async () => Promise.all([lsq.stop(), hubspot.stop()]));
test.beforeEach(() => {
  lsq.rotateKeys({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
  hubspot.rotateToken(FAKE_HUBSPOT_TOKEN);
  hubspot.setScopes(FAKE_HUBSPOT_SCOPES);
});

/** Presses `key` until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab") {
  await expect(target).toBeVisible();
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}`);
}

async function expectNoSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test("LeadSquared: wrong keys, an unreachable host and foreign hosts are told at their field; good keys connect, a re-check that fails is shown; disconnect asks first", async ({
  page,
}) => {
  await signInPage(page, email);
  await page.getByRole("link", { name: "Integrations" }).click();
  const card = page.getByRole("region", { name: "LeadSquared" });
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Not connected");
  await expect(page.getByText("No CRM is connected yet.")).toBeVisible();
  await shot(page, "list-empty-1440");

  await card.getByRole("link", { name: "Connect LeadSquared" }).click();
  const host = page.getByLabel("Host URL");
  const access = page.getByLabel("Access Key");
  const secret = page.getByLabel("Secret Key");
  const connect = page.getByRole("button", { name: "Connect" });
  await expect(secret).toHaveAttribute("type", "password");
  await expect(access).toHaveAttribute("autocomplete", "off");
  await connect.click();
  await expect(page.getByText("Paste the Secret Key from Settings → API & Webhooks.")).toBeVisible();
  expect(lsq.requests).toHaveLength(0);

  await host.fill(lsq.baseUrl);
  await access.fill(FAKE_LSQ_ACCESS_KEY);
  await secret.fill("a-wrong-secret-key");
  await connect.click();
  await expect(access).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/^LeadSquared did not accept this Access Key and Secret Key/)).toBeVisible();
  await shot(page, "leadsquared-wrong-keys-1440");

  await secret.fill(FAKE_LSQ_SECRET_KEY);
  const closed = await freePort();
  await host.fill(`http://127.0.0.1:${closed}`);
  await connect.click();
  await expect(host).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText(`Could not reach LeadSquared at 127.0.0.1:${closed}: the connection was refused. Check the address and try again.`),
  ).toBeVisible();

  await host.fill("https://example.com");
  await connect.click();
  await expect(page.getByText(/^That is not a LeadSquared API host\./)).toBeVisible();
  lsq.failNext(1, "html");
  await host.fill(lsq.baseUrl);
  await connect.click();
  await expect(page.getByText(/answered, but not like the LeadSquared API/)).toBeVisible();
  await expect(access).toHaveAttribute("aria-invalid", "false");

  await connect.click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Connected");
  for (const text of ["Acme Realty", lsq.baseUrl, hint(FAKE_LSQ_ACCESS_KEY), hint(FAKE_LSQ_SECRET_KEY)])
    await expect(card).toContainText(text);
  expect(await page.content()).not.toContain(FAKE_LSQ_SECRET_KEY);
  await shot(page, "list-connected-1440");

  await card.getByRole("button", { name: "Test connection to LeadSquared" }).click();
  await expect(card.getByRole("status")).toHaveText("The connection works.");
  lsq.rotateKeys({ secretKey: "regenerated-secret-key-7777" });
  await card.getByRole("button", { name: "Test connection to LeadSquared" }).click();
  await expect(card.getByRole("status")).toHaveText("The check failed; see Last error.");
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Error");
  await expect(card).toContainText("The keys were rejected. LeadSquared did not accept this Access Key and Secret Key.");
  await shot(page, "list-error-1440");

  // Only the rotated Secret Key is pasted again; the stored Access Key is kept.
  await card.getByRole("link", { name: "Update credentials for LeadSquared" }).click();
  await expect(page.getByText(`Stored: ${hint(FAKE_LSQ_ACCESS_KEY)}. Leave empty to keep it.`)).toBeVisible();
  await expect(access).toHaveValue("");
  await expect(host).toHaveValue(lsq.baseUrl);
  await secret.fill("regenerated-secret-key-7777");
  await page.getByRole("button", { name: "Save and check" }).click();
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Connected");
  await expect(card).toContainText("••••7777");
  await expect(card).not.toContainText("Last error");

  await card.getByRole("button", { name: "Disconnect LeadSquared" }).click();
  const confirm = card.getByRole("group", { name: /Disconnect LeadSquared\?/ });
  await expect(confirm).toContainText("missing fields can no longer be read from LeadSquared");
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Connected");
  await card.getByRole("button", { name: "Disconnect LeadSquared" }).click();
  await card.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(card.getByTestId("leadsquared-status")).toHaveText("Not connected");
  expect(await (await page.request.get("/api/v1/integrations")).json()).toEqual({ integrations: [] });
});

test("HubSpot with the keyboard alone: skip link, a token missing a scope is told which, a good token connects, a revoked one fails its test, disconnect", async ({
  page,
}) => {
  await signInPage(page, email);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" });
  await tabTo(page, nav, "Shift+Tab");
  expect(await nav.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/integrations$/);

  const card = page.getByRole("region", { name: "HubSpot" });
  await tabTo(page, card.getByRole("link", { name: "Connect HubSpot" }));
  await page.keyboard.press("Enter");
  const token = page.getByLabel("Access token");
  await tabTo(page, token);
  hubspot.setScopes(["crm.objects.contacts.read"]);
  await page.keyboard.type(FAKE_HUBSPOT_TOKEN);
  await page.keyboard.press("Enter");
  await expect(token).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText("The token lacks the scopes crm.schemas.contacts.read. Add them to the private app, then copy its token again."),
  ).toBeVisible();
  for (const scope of ["crm.objects.contacts.read", "crm.schemas.contacts.read"])
    await expect(page.getByRole("complementary")).toContainText(scope);
  await shot(page, "hubspot-missing-scope-1440");

  hubspot.setScopes(FAKE_HUBSPOT_SCOPES);
  await tabTo(page, page.getByLabel("Client secret (optional)"));
  await page.keyboard.type("hubspot-client-secret-0042");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(card.getByTestId("hubspot-status")).toHaveText("Connected");
  for (const text of [String(hubspot.hubId), hint(FAKE_HUBSPOT_TOKEN), "••••0042"]) await expect(card).toContainText(text);
  await shot(page, "list-hubspot-connected-1440");

  const test = card.getByRole("button", { name: "Test connection to HubSpot" });
  await tabTo(page, test);
  await page.keyboard.press("Enter");
  await expect(card.getByRole("status")).toHaveText("The connection works.");
  hubspot.rotateToken("pat-na1-a-new-token-after-rotation");
  await tabTo(page, test);
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("hubspot-status")).toHaveText("Error");
  await expect(card).toContainText("The token was rejected. HubSpot did not accept this access token.");

  await tabTo(page, card.getByRole("button", { name: "Disconnect HubSpot" }));
  await page.keyboard.press("Enter");
  await expect(card.getByRole("button", { name: "Yes, disconnect" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(card.getByRole("button", { name: "Disconnect HubSpot" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(card.getByRole("button", { name: "Yes, disconnect" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("hubspot-status")).toHaveText("Not connected");
});

test("at 390 px the menu button opens the links, and every integrations screen fits without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInPage(page, email);
  const connected = await page.request.put("/api/v1/integrations/leadsquared", {
    headers: sameOrigin(page.url()),
    data: { host: lsq.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
  });
  expect(connected.status()).toBe(200);
  lsq.failNext(1, "500");
  expect(
    (await (await page.request.post("/api/v1/integrations/leadsquared/test", { headers: sameOrigin(page.url()) })).json()).integration
      .status,
  ).toBe("error");

  const menu = page.getByRole("button", { name: "Menu" });
  const link = page.getByRole("link", { name: "Integrations" });
  await expect(link).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await shot(page, "menu-open-390");
  await page.keyboard.press("Escape");
  await expect(link).toBeHidden();
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await link.click();
  await expect(page).toHaveURL(/\/integrations$/);
  await expect(link).toBeHidden();

  const card = page.getByRole("region", { name: "LeadSquared" });
  await expect(card).toContainText("Error on LeadSquared's side. LeadSquared had a problem answering (HTTP 500)");
  await expectNoSideways(page);
  await shot(page, "list-390");
  for (const crm of ["leadsquared", "hubspot"]) {
    await page.goto(`/integrations/${crm}`);
    await expect(page.getByRole("button", { name: /Connect|Save and check/ })).toBeVisible();
    await expectNoSideways(page);
    await shot(page, `${crm}-form-390`);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, `${crm}-form-1440`);
    await page.setViewportSize({ width: 390, height: 844 });
  }
});
