import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { LEAD_WITHOUT_PHONE, seedDashboard, seedLeadSync } from "../support/dashboard-data";
import { dashboardPages } from "../support/dashboard-pages";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, FAKE_LSQ_LEADS, FAKE_LSQ_USER } from "../support/fakes/leadsquared";

const lsq = createFakeLeadSquared({ leads: [...FAKE_LSQ_LEADS, LEAD_WITHOUT_PHONE] });
// Another LeadSquared account, the source of a Lead Sync connector into the connected one.
const lsqSource = createFakeLeadSquared({
  accessKey: "u$r-source-access-key-0000",
  secretKey: "source-secret-key-0123456789abcdef",
  user: { ...FAKE_LSQ_USER, OrgId: "org-source", OrgShortCode: "org-source" },
  leads: [],
});
let seeded: Awaited<ReturnType<typeof seedDashboard>>;
let pages: string[];

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  await resetDatabase();
  await Promise.all([lsq.start(), lsqSource.start()]);
  seeded = await seedDashboard(playwright, baseURL!, lsq);
  const leadSync = await seedLeadSync(seeded.admin, lsqSource);
  // One page per state worth seeing: a completed call and one that failed before dialing; a rejected and a refused delivery.
  pages = dashboardPages({
    agentId: [seeded.agents.mapped],
    callId: [seeded.calls.completed, seeded.calls.failedBeforeDialing],
    deliveryId: [seeded.deliveries.rejected, seeded.deliveries.refused],
    connectorId: [leadSync.connectorId],
    jobId: [leadSync.jobId],
  });
  // The agent page's tabs are pages of their own (README: /agents/<id>?tab=…).
  pages.push(...["variables", "webhook"].map((tab) => `/agents/${seeded.agents.mapped}?tab=${tab}`));
  pages.push(`/lead-sync/${leadSync.connectorId}?tab=settings`);
});
test.afterAll(() => Promise.all([lsq.stop(), lsqSource.stop()]));

/** axe's serious and critical findings on the page as it is now, one line each, for a readable failure. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const width of [1440, 390]) {
  test(`every dashboard page at ${width} px: no serious or critical axe violation, and no sideways scrolling`, async ({ page }) => {
    // About 15 s a page on a busy two-core machine: axe's colour-contrast pass dominates.
    test.setTimeout(480_000);
    expect(pages).toEqual(
      expect.arrayContaining(["/", "/calls", "/deliveries", "/settings", "/api-keys", `/calls/${seeded.calls.completed}`]),
    );
    await page.setViewportSize({ width, height: 900 });
    await signInPage(page, seeded.account.email);
    for (const url of pages) {
      const res = await page.goto(url);
      expect(res!.status(), url).toBe(200);
      await page.waitForLoadState("networkidle");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect.soft(overflow, `${url} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
      // Soft, so one run lists every page's findings, not only the first.
      expect.soft(await seriousViolations(page), url).toEqual([]);
    }
  });
}

test("on a phone, every row of Call History and Deliveries is a card whose status is on screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await signInPage(page, seeded.account.email);
  for (const [url, count] of [
    ["/calls", 2],
    ["/deliveries", 4],
  ] as const) {
    await page.goto(url);
    const rows = page.getByRole("row");
    // The header row is hidden on a phone: every row left is a call or a request.
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
