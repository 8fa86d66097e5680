import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { LEAD_WITHOUT_PHONE, seedDashboard } from "../support/dashboard-data";
import { dashboardPages } from "../support/dashboard-pages";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, FAKE_LSQ_LEADS } from "../support/fakes/leadsquared";

const lsq = createFakeLeadSquared({ leads: [...FAKE_LSQ_LEADS, LEAD_WITHOUT_PHONE] });
test.beforeAll(async () => {
  await resetDatabase();
  await lsq.start();
});
test.afterAll(() => lsq.stop());

const WIDTHS = [1440, 390] as const;

/** axe's serious and critical findings on the page as it is now, one line each, for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("every dashboard page, at 1440 and 390 px: no serious or critical axe violation, and no sideways scrolling", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const seeded = await seedDashboard(playwright, baseURL!, lsq);
  const pages = dashboardPages({
    agentId: Object.values(seeded.agents),
    callId: Object.values(seeded.calls),
    deliveryId: Object.values(seeded.deliveries),
  });
  // The agent page's tabs are pages of their own (README: /agents/<id>?tab=…).
  pages.push(...["variables", "webhook"].map((tab) => `/agents/${seeded.agents.mapped}?tab=${tab}`));
  expect(pages).toEqual(
    expect.arrayContaining(["/", "/calls", "/deliveries", "/settings", "/api-keys", `/calls/${seeded.calls.completed}`]),
  );

  await signInPage(page, seeded.account.email);
  const findings: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of pages) {
      const res = await page.goto(url);
      expect(res!.status(), url).toBe(200);
      await page.waitForLoadState("networkidle");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${url} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
      findings.push(...(await seriousViolations(page)).map((f) => `${url} at ${width} px: ${f}`));
    }
  }
  expect(findings).toEqual([]);
});

test("on a phone, every row of Call History and Deliveries is a card whose status is on screen", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  await resetDatabase();
  const seeded = await seedDashboard(playwright, baseURL!, lsq);
  await page.setViewportSize({ width: 390, height: 900 });
  await signInPage(page, seeded.account.email);

  for (const [url, count] of [
    ["/calls", 2],
    ["/deliveries", 4],
  ] as const) {
    await page.goto(url);
    const rows = page.getByRole("row");
    // The header row is hidden on a phone: every row left is a lead or a request.
    await expect(rows).toHaveCount(count);
    for (const row of await rows.all()) {
      const status = row.locator('td[data-label="Status"] [data-status]');
      await expect(status).toBeVisible();
      const box = (await status.boundingBox())!;
      expect(box.x, `${url}: a status starts off screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${url}: a status ends past the screen's edge`).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});
