import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, setUpFirstOrganisation, signInPage, signInRequest } from "../support/accounts";
import { resetDatabase } from "../support/db";

const SECRET = "pre-hydration-secret-4821";

let email: string;
let hostile: Server;
let hostileOrigin: string;

/** A page on another port of the same host (the same site, so SameSite=Lax cookies ride along) that attacks on load. */
function hostilePage(target: string, callId: string): string {
  const json = (path: string, body: object) =>
    `fetch(${JSON.stringify(target + path)}, { method: "POST", mode: "no-cors", credentials: "include",` +
    ` headers: { "Content-Type": "text/plain; x=application/json" }, body: ${JSON.stringify(JSON.stringify(body))} }),`;
  return `<!doctype html><title>Win a prize</title>
<form id="cancel" method="post" action="${target}/api/v1/calls/${callId}/cancel"></form>
<script>
const sent = [
  ${json("/api/v1/api-keys", { name: "attacker key" })}
  ${json("/api/v1/members", { name: "Eve", email: "eve@evil.test", password: "attacker password", role: "admin" })}
  ${json("/api/v1/calls", { agentId: "agt_any", phone: "+919876500001" })}
];
// Navigating away would abort the fetches still in flight, so the form goes last.
Promise.allSettled(sent).then(() => document.getElementById("cancel").submit());
</script>`;
}

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  email = (await setUpFirstOrganisation(await playwright.request.newContext({ baseURL }))).email;
  hostile = createServer((req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(hostilePage(baseURL!, new URL(req.url!, "http://x").searchParams.get("call") ?? "call_x"));
  });
  await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
  hostileOrigin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => hostile.close(() => resolve())));

test("a page on another port cannot use the signed-in admin's session to change anything", async ({ page, baseURL }) => {
  await signInPage(page, email);
  const answers: Array<[string, number]> = [];
  page.on("response", (res) => {
    if (res.request().method() === "POST" && res.url().startsWith(`${baseURL}/api/v1/`))
      answers.push([new URL(res.url()).pathname, res.status()]);
  });

  await page.goto(`${hostileOrigin}/?call=call_nothere`);
  await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(4);
  // 403 for each, the cancel included (an unknown call would be 404): the origin is checked before anything else.
  expect(answers.sort()).toEqual([
    ["/api/v1/api-keys", 403],
    ["/api/v1/calls", 403],
    ["/api/v1/calls/call_nothere/cancel", 403],
    ["/api/v1/members", 403],
  ]);
  // The hostile form's post navigates this tab: let it land before leaving, or the next navigation is interrupted.
  await expect(page).toHaveURL(/\/api\/v1\/calls\/call_nothere\/cancel$/);
  await page.waitForLoadState();

  await page.goto(`${baseURL}/api-keys`);
  await expect(page.getByText("No keys yet", { exact: true })).toBeVisible();
  const members = await (await page.request.get("/api/v1/members")).json();
  expect(members.members.map((m: { email: string }) => m.email)).toEqual([email]);

  // The dashboard itself still works: the same change from Leadline's own page goes through.
  await page.getByLabel("Key name").fill("Our key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();
});

/** Fills every password-like input with the secret and submits the form as a browser without our script would. */
async function submitWithoutScript(page: Page, path: string, submit: string) {
  await page.goto(path);
  for (const input of await page.locator("form input[type=password]").all()) await input.fill(SECRET);
  for (const input of await page.locator("form input[type=email]").all()) await input.fill("asha@acme.test");
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.isNavigationRequest()),
    page.getByRole("button", { name: submit, exact: true }).click(),
  ]);
  expect(request.method(), path).toBe("POST");
  expect(request.url(), path).not.toContain(SECRET);
  await page.waitForLoadState();
  expect(page.url(), path).not.toContain(SECRET);
  expect(page.url(), path).not.toContain("password");
}

test.describe("forms that carry secrets, submitted before the page's script runs", () => {
  test.use({ javaScriptEnabled: false });

  test("post, and never put the secret in the address", async ({ page, playwright, baseURL }) => {
    await submitWithoutScript(page, "/login", "Sign in");

    // Signed in through next-auth's endpoint (this browser runs no script), then the admin pages with a password or key field.
    const session = await playwright.request.newContext({ baseURL });
    await signInRequest(session, email);
    await page.context().addCookies((await session.storageState()).cookies);
    await submitWithoutScript(page, "/settings", "Add person");
    await submitWithoutScript(page, "/agents/new", "Create agent");
    // The CRM forms render only once the script has read the stored integration, so there is nothing to submit early.
    for (const path of ["/integrations/leadsquared", "/integrations/hubspot"]) {
      await page.goto(path);
      await expect(page.getByText("Loading…")).toBeVisible();
      await expect(page.locator("input[type=password]")).toHaveCount(0);
    }

    // Nothing was created by those posts: they reached no API.
    expect((await (await session.get("/api/v1/members")).json()).members).toHaveLength(1);
    expect((await (await session.get("/api/v1/agents")).json()).agents).toEqual([]);
    await session.dispose();

    await resetDatabase();
    await submitWithoutScript(page, "/setup", "Create organisation");
  });
});

test("after 10 wrong passwords the sign-in form says how long to wait", async ({ page, playwright, baseURL }) => {
  await resetDatabase();
  await setUpFirstOrganisation(await playwright.request.newContext({ baseURL }), "Acme Realty", email);
  const guesser = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 10; i++) {
    const { csrfToken } = await (await guesser.get("/api/auth/csrf")).json();
    const res = await guesser.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: `guess ${i}`, json: "true" } });
    expect(res.status()).toBe(401);
  }
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Too many failed sign-ins for this email or from this network. Try again in 1 minute.")).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await resetDatabase();
});
