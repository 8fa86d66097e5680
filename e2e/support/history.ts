import { expect, type Locator, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { createOrganisationWithCli, sameOrigin, signInRequest } from "./accounts";

/** Another organisation (made with the admin CLI, as a second tenant would be) with a signed-in API context. */
export async function secondOrganisation(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, name: string, email: string) {
  const account = await createOrganisationWithCli(name, email);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL) });
  await signInRequest(api, email);
  return { account, api };
}

/** Presses Tab until `target` has focus: the way a keyboard user reaches a control. */
export async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error("Tab never reached the control");
}

/** Full-page screenshots at desktop and phone widths; at either, the page itself never scrolls sideways. */
export async function screenshots(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.locator("main")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
