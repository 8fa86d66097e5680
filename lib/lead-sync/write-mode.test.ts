import { describe, expect, it } from "vitest";
import { CRM_BUDGETS } from "@/lib/crm/rate-budget";
import { chooseWriteMode } from "./write-mode";

const budgets = { standard: CRM_BUDGETS.leadSquared, bulk: CRM_BUDGETS.leadSquaredBulk };

describe("chooseWriteMode", () => {
  it("writes one lead with a single call", () => {
    expect(chooseWriteMode({ writes: 1, searchesPerLead: 1, ...budgets })).toBe("single");
  });

  it("uses bulk once a bulk slot carries more leads than the standard budget's window writes singly", () => {
    // 25 calls per window at two calls per lead (search + create) move 12.5 leads; a bulk call of 13 moves more.
    expect(chooseWriteMode({ writes: 12, searchesPerLead: 1, ...budgets })).toBe("single");
    expect(chooseWriteMode({ writes: 13, searchesPerLead: 1, ...budgets })).toBe("bulk");
  });

  it("needs fewer leads for bulk when a secondary search costs a third call per lead", () => {
    expect(chooseWriteMode({ writes: 9, searchesPerLead: 2, ...budgets })).toBe("bulk");
    expect(chooseWriteMode({ writes: 8, searchesPerLead: 2, ...budgets })).toBe("single");
  });
});
