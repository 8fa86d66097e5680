import { expect, test } from "@playwright/test";
import { PASSWORD } from "../support/accounts";
import { resetDatabase } from "../support/db";

test.beforeAll(resetDatabase);

test("a new install: setup, sign in, create an API key, use it, revoke it", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Leadline" })).toBeVisible();

  // Empty fields are named next to the field, before anything is sent.
  await page.getByLabel("Default time zone").fill("");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("Enter your organisation's name.")).toBeVisible();
  await expect(page.getByText("Use an IANA time zone name such as Asia/Kolkata or America/New_York.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Organisation name").fill("Acme Realty");
  await page.getByLabel("Default time zone").fill("Asia/Kolkata");
  await page.getByLabel("Default country calling code").fill("+91");
  await page.getByLabel("Your name").fill("Asha");
  await page.getByLabel("Email").fill("asha@acme.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.screenshot({ path: "test-results/screens/setup.png", fullPage: true });
  await page.getByRole("button", { name: "Create organisation" }).click();

  await expect(page).toHaveURL(/\/login\?email=asha%40acme\.test/);
  await expect(page.getByLabel("Email")).toHaveValue("asha@acme.test");

  // Setup is gone once done: the page sends people to sign in, and the endpoint refuses.
  const again = await request.post("/api/setup", {
    data: { organizationName: "Other", timezone: "UTC", countryCode: "+1", name: "X", email: "x@x.test", password: PASSWORD },
  });
  expect(again.status()).toBe(409);
  expect(await again.json()).toEqual({ error: { code: "already_set_up", message: "Leadline is already set up. Sign in instead." } });

  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Asha · Acme Realty")).toBeVisible();

  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible();
  await page.getByLabel("Key name").fill("LeadSquared webhook");
  await page.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^ll_[0-9a-z]{12}_[0-9a-z]{32}$/);
  const key = (await shown.textContent())!;
  await page.getByRole("button", { name: "Copy" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await page.screenshot({ path: "test-results/screens/api-key-created.png", fullPage: true });

  const me = await request.get("/api/v1/me", { headers: { "X-API-KEY": key } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    organization: { name: "Acme Realty", timezone: "Asia/Kolkata" },
    apiKey: { name: "LeadSquared webhook" },
  });

  // Shown once: after a reload only the prefix is left anywhere on the page.
  await page.reload();
  await expect(page.getByRole("cell", { name: "LeadSquared webhook", exact: true })).toBeVisible();
  expect(await page.content()).not.toContain(key);
  await expect(page.getByRole("cell", { name: `${key.slice(0, 15)}_…` })).toBeVisible();

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Revoke LeadSquared webhook" }).click();
  await expect(page.getByText(/^revoked /)).toBeVisible();

  const after = await request.get("/api/v1/me", { headers: { "X-API-KEY": key } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("revoked_api_key");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/api-keys");
  await expect(page).toHaveURL(/\/login/);
});
