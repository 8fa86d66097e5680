import type { Page } from "@playwright/test";

/** One row of the Variable Source editor. */
export const variableRow = (page: Page, n: number) => page.getByRole("listitem", { name: `Variable ${n}` });

/** Adds variable `n`, naming it and picking its CRM field from the searchable list the connected CRM filled. */
export async function addVariable(page: Page, n: number, name: string, search: string, option: RegExp) {
  await page.getByRole("button", { name: "Add variable" }).click();
  await variableRow(page, n).getByLabel("Variable name").fill(name);
  const field = variableRow(page, n).getByRole("combobox", { name: "CRM field" });
  await field.click();
  await field.fill(search);
  await page.getByRole("option", { name: option }).click();
}
