import { expect, test } from "@playwright/test";
import { createOrganisationWithCli, PASSWORD, setUpFirstOrganisation, signInPage, signInRequest } from "../support/accounts";
import { resetDatabase } from "../support/db";

test.beforeAll(resetDatabase);

test("members cannot reach admin pages, and organisations never see each other's keys", async ({ page, playwright, baseURL }) => {
  const acme = await setUpFirstOrganisation(await playwright.request.newContext({ baseURL }));
  const globex = await createOrganisationWithCli("Globex", "bo@globex.test");

  // Acme's admin creates a key and adds a member through the Settings page.
  await signInPage(page, acme.email);
  await page.goto("/api-keys");
  await page.getByLabel("Key name").fill("Acme key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  const people = page.getByRole("region", { name: "People" });
  await people.getByLabel("Name").fill("Mo");
  await people.getByLabel("Email").fill("asha@acme.test");
  await people.getByLabel("Password").fill(PASSWORD);
  await people.getByRole("button", { name: "Add person" }).click();
  await expect(people.getByText("An account with this email already exists.")).toBeVisible();
  await people.getByLabel("Email").fill("mo@acme.test");
  await people.getByRole("button", { name: "Add person" }).click();
  await expect(people.getByText("mo@acme.test")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The member sees no admin links, and gets a 403 page and 403 JSON when trying anyway.
  await signInPage(page, "mo@acme.test");
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  const forbidden = await page.goto("/api-keys");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "403: admins only" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/member-403.png", fullPage: true });
  const api = await page.request.get("/api/v1/api-keys");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("forbidden");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Globex's admin sees an empty key list, in the page and in the API.
  await signInPage(page, globex.email);
  await page.goto("/api-keys");
  await expect(page.getByText("No keys yet", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain("Acme key");
  const globexApi = await playwright.request.newContext({ baseURL });
  await signInRequest(globexApi, globex.email);
  expect(await (await globexApi.get("/api/v1/api-keys")).json()).toEqual({ apiKeys: [] });
  expect((await (await globexApi.get("/api/v1/members")).json()).members.map((m: { email: string }) => m.email)).toEqual([
    "bo@globex.test",
  ]);
});
