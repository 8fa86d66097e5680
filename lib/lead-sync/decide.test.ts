import { describe, expect, it } from "vitest";
import { decideLeadAction } from "./decide";

const found = { found: { leadId: "L1", by: "EmailAddress" }, searched: ["EmailAddress"] };
const missing = { found: null, searched: ["EmailAddress", "Mobile"] };

describe("decideLeadAction", () => {
  it.each([
    ["capture", found, { kind: "update", leadId: "L1", matchedBy: "EmailAddress" }],
    ["capture", missing, { kind: "create" }],
    ["create_only", missing, { kind: "create" }],
    ["create_only", found, { kind: "skip", reason: "A lead with this EmailAddress exists and the behaviour creates only new records" }],
    ["update_only", found, { kind: "update", leadId: "L1", matchedBy: "EmailAddress" }],
    [
      "update_only",
      missing,
      { kind: "skip", reason: "No lead matched by EmailAddress or Mobile and the behaviour updates only existing records" },
    ],
    ["do_nothing", found, { kind: "skip", reason: "The sync behaviour is Do nothing" }],
    ["do_nothing", missing, { kind: "skip", reason: "The sync behaviour is Do nothing" }],
  ] as const)("%s with %o → %o", (behaviour, search, action) => expect(decideLeadAction(behaviour, search)).toEqual(action));
});
