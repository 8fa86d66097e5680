import { expect, test } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";

test.beforeAll(resetDatabase);

test("an admin sets the call-ended webhook on Settings: the URL is checked, the secret is shown once, then only its hint", async ({
  page,
  playwright,
  baseURL,
}) => {
  const { account, admin, api } = await organisationWithKey(playwright, baseURL!);
  await signInPage(page, account.email);
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "Call-ended webhook", exact: true });
  const deliveries = page.getByRole("region", { name: "Call-ended webhook deliveries" });
  await expect(deliveries).toContainText("No posts yet.");

  // The form's rule is the route's: plain http to another host is refused inline, nothing is saved.
  await panel.getByLabel("Webhook URL").fill("http://hooks.example.com/leadline");
  await panel.getByRole("button", { name: "Create webhook" }).click();
  await expect(panel.getByRole("alert")).toHaveText(
    "Use https://: plain http is allowed only for localhost, where nothing crosses a network.",
  );
  expect((await (await api.get("/api/v1/call-webhooks")).json()).endpoints).toEqual([]);

  await panel.getByLabel("Webhook URL").fill("https://hooks.example.com/leadline?token=abc");
  await panel.getByLabel("Send").selectOption("final_only");
  await panel.getByRole("button", { name: "Create webhook" }).click();
  const secret = (await panel.getByTestId("call-webhook-secret").textContent())!;
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

  // Stored as set; the API never hands the secret back, only its last four characters.
  const stored = await (await api.get("/api/v1/call-webhooks/org")).json();
  expect(stored.endpoint).toMatchObject({
    scope: "org",
    url: "https://hooks.example.com/leadline?token=abc",
    events: "final_only",
    enabled: true,
    secretHint: `••••${secret.slice(-4)}`,
  });
  expect(JSON.stringify(stored)).not.toContain(secret.slice(6));

  await page.reload();
  await expect(panel.getByTestId("call-webhook-secret")).toHaveCount(0);
  await expect(panel).toContainText(`Signing secret ••••${secret.slice(-4)}`);
  await expect(panel.getByLabel("Send")).toHaveValue("final_only");

  // A new secret is shown once and replaces the old one.
  page.once("dialog", (d) => void d.accept());
  await panel.getByRole("button", { name: "New secret" }).click();
  const rotated = (await panel.getByTestId("call-webhook-secret").textContent())!;
  expect(rotated).not.toBe(secret);
  await expect(panel).toContainText(`Signing secret ••••${rotated.slice(-4)}`);

  // The route refuses what the form would: the field is named, and a session from another origin cannot change it.
  const bad = await admin.put("/api/v1/call-webhooks/org", {
    data: { url: "https://u:p@hooks.example.com/x", events: "final_only", enabled: true },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details).toEqual([
    {
      field: "url",
      message: "Remove the user name and password from the URL; check the signature (webhook-signature) to trust a post instead.",
    },
  ]);
  const crossSite = await admin.put("/api/v1/call-webhooks/org", {
    data: { url: "https://evil.example/x", events: "final_only", enabled: true },
    headers: { origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await (await api.get("/api/v1/call-webhooks/org")).json()).endpoint.url).toBe("https://hooks.example.com/leadline?token=abc");
});
