import { describe, expect, it } from "vitest";
import { CRM_BUDGETS } from "@/lib/crm/rate-budget";
import { chooseCreateMode } from "./write-mode";

const budgets = { standard: CRM_BUDGETS.leadSquared, bulk: CRM_BUDGETS.leadSquaredBulk };

describe("chooseCreateMode", () => {
  it("writes one lead with a single call", () => {
    expect(chooseCreateMode({ creates: 1, searchesPerLead: 1, ...budgets })).toBe("single");
  });

  it("uses bulk once a bulk slot carries more leads than the standard budget's window writes singly", () => {
    // 25 calls per window at two calls per lead (search + create) move 12.5 leads; a bulk call of 13 moves more.
    expect(chooseCreateMode({ creates: 12, searchesPerLead: 1, ...budgets })).toBe("single");
    expect(chooseCreateMode({ creates: 13, searchesPerLead: 1, ...budgets })).toBe("bulk");
  });

  it("needs fewer leads for bulk when a secondary search costs a third call per lead", () => {
    expect(chooseCreateMode({ creates: 9, searchesPerLead: 2, ...budgets })).toBe("bulk");
    expect(chooseCreateMode({ creates: 8, searchesPerLead: 2, ...budgets })).toBe("single");
  });
});
