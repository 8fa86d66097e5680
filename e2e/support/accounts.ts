import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

export type Account = { orgId: string; orgName: string; email: string };

/** First-run setup through the public endpoint the setup page uses. */
export async function setUpFirstOrganisation(
  request: APIRequestContext,
  orgName = "Acme Realty",
  email = "asha@acme.test",
): Promise<Account> {
  const res = await request.post("/api/setup", {
    data: { organizationName: orgName, timezone: "Asia/Kolkata", countryCode: "+91", name: "Asha", email, password: PASSWORD },
  });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { organization: { id: string } };
  return { orgId: body.organization.id, orgName, email };
}

/** Another organisation, created the way an operator would: with the admin command line. */
export async function createOrganisationWithCli(orgName: string, email: string): Promise<Account> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      "node_modules/tsx/dist/cli.mjs",
      "--conditions=react-server",
      "scripts/admin.ts",
      "create-org",
      "--org",
      orgName,
      "--timezone",
      "America/New_York",
      "--country-code",
      "+1",
      "--name",
      "Bo",
      "--email",
      email,
      "--json",
    ],
    { env: { ...process.env, LEADLINE_ADMIN_PASSWORD: PASSWORD } },
  );
  const body = JSON.parse(stdout) as { organization: { id: string } };
  return { orgId: body.organization.id, orgName, email };
}

/** The header a browser sends with every change from Leadline's own pages; a signed-in context needs it to change anything. */
export const sameOrigin = (baseURL: string) => ({ Origin: new URL(baseURL).origin });

/** Signs an API request context in through next-auth's credentials flow (cookies stay on the context). */
export async function signInRequest(request: APIRequestContext, email: string, password = PASSWORD): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
}

export async function signInPage(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}
