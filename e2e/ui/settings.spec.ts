import { expect, test } from "@playwright/test";
import { PASSWORD, signInPage, signInRequest } from "../support/accounts";
import { organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { screenshots, secondOrganisation } from "../support/history";

test.beforeAll(resetDatabase);

test("an admin removes a person after confirming; never themselves; a member cannot; the removed person is signed out", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const { account, admin } = await organisationWithKey(playwright, baseURL!);
  const added = await admin.post("/api/v1/members", {
    data: { name: "Ravi", email: "ravi@acme.test", password: PASSWORD, role: "member" },
  });
  expect(added.status()).toBe(201);
  const ravi = (await added.json()).member as { id: string };

  // Ravi is signed in elsewhere while he is removed.
  const raviContext = await browser.newContext();
  const raviPage = await raviContext.newPage();
  await signInPage(raviPage, "ravi@acme.test");
  const raviApi = await playwright.request.newContext({ baseURL });
  await signInRequest(raviApi, "ravi@acme.test");
  expect((await raviApi.delete(`/api/v1/members/${ravi.id}`)).status()).toBe(403);

  await signInPage(page, account.email);
  await page.goto("/settings");
  const people = page.getByRole("list", { name: "People" });
  await expect(people.getByRole("listitem", { name: "Asha" })).toContainText("(you)");
  await expect(people.getByRole("button", { name: "Remove Asha" })).toHaveCount(0);
  await screenshots(page, "settings");

  // Asked first; "Keep" changes nothing and gives focus back.
  await people.getByRole("button", { name: "Remove Ravi" }).click();
  const question = page.getByRole("group", { name: /Remove Ravi\?/ });
  await expect(question).toContainText("signed out");
  await question.getByRole("button", { name: "Keep" }).click();
  await expect(people.getByRole("button", { name: "Remove Ravi" })).toBeFocused();
  await people.getByRole("button", { name: "Remove Ravi" }).click();
  await page.getByRole("button", { name: "Yes, remove Ravi" }).click();
  await expect(people.getByRole("listitem")).toHaveCount(1);
  await page.reload();
  await expect(people.getByRole("listitem", { name: "Ravi" })).toHaveCount(0);

  await raviPage.goto("/calls");
  await expect(raviPage).toHaveURL(/\/login/);
  await raviContext.close();

  // The API's own refusals: yourself, and someone in another organisation.
  const me = ((await (await admin.get("/api/v1/members")).json()).members as Array<{ id: string; email: string }>).find(
    (m) => m.email === account.email,
  )!;
  const self = await admin.delete(`/api/v1/members/${me.id}`);
  expect(self.status()).toBe(409);
  expect((await self.json()).error.code).toBe("cannot_remove_self");
  const other = await secondOrganisation(playwright, baseURL!, "Initech", "lu@initech.test");
  const otherAdmin = ((await (await other.api.get("/api/v1/members")).json()).members as Array<{ id: string }>)[0]!;
  expect((await admin.delete(`/api/v1/members/${otherAdmin.id}`)).status()).toBe(404);
  expect((await other.api.get("/api/v1/members")).status()).toBe(200);
});
