import { describe, expect, it } from "vitest";
import { variableListSchema, variableSchema } from "./schema";

const base = { name: "customer_name", source: "leadsquared", field: "FirstName" } as const;

function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const issue = result.error?.issues[0];
  return issue ? { path: issue.path.join("."), message: issue.message } : null;
}

describe("variableSchema", () => {
  it("accepts a minimal variable and trims text", () => {
    expect(variableSchema.parse({ ...base, name: " customer_name ", field: "  FirstName " })).toEqual({
      name: "customer_name",
      source: "leadsquared",
      field: "FirstName",
      format: undefined,
      default: undefined,
    });
  });

  it.each([
    { input: { format: "date", default: " there " }, format: "date", fallback: "there" },
    { input: { format: "", default: "" }, format: undefined, fallback: undefined },
    { input: { format: null, default: null }, format: undefined, fallback: undefined },
    { input: { default: "   " }, format: undefined, fallback: undefined },
  ])("normalises form blanks: $input", ({ input, format, fallback }) => {
    const parsed = variableSchema.parse({ ...base, ...input });
    expect(parsed.format).toBe(format);
    expect(parsed.default).toBe(fallback);
  });

  const nameRule =
    "Use lowercase letters, digits and underscores, starting with a letter (e.g. customer_name), so the prompt can say {{customer_name}}.";
  it.each([
    { rule: "capital letters", input: { ...base, name: "CustomerName" }, path: "name", message: nameRule },
    { rule: "leading digit", input: { ...base, name: "1name" }, path: "name", message: nameRule },
    { rule: "hyphen", input: { ...base, name: "first-name" }, path: "name", message: nameRule },
    { rule: "braces", input: { ...base, name: "{{name}}" }, path: "name", message: nameRule },
    { rule: "empty name", input: { ...base, name: " " }, path: "name", message: "Enter a variable name, e.g. customer_name." },
    {
      rule: "long name",
      input: { ...base, name: `a${"b".repeat(64)}` },
      path: "name",
      message: "Keep the variable name to 64 characters or fewer.",
    },
    {
      rule: "unknown source",
      input: { ...base, source: "salesforce" },
      path: "source",
      message: 'Choose "leadsquared" or "hubspot" as the source.',
    },
    {
      rule: "blank field",
      input: { ...base, field: "   " },
      path: "field",
      message: "Enter the CRM field to read, e.g. FirstName (LeadSquared) or firstname (HubSpot).",
    },
    {
      rule: "long field",
      input: { ...base, field: "x".repeat(201) },
      path: "field",
      message: "Keep the CRM field name to 200 characters or fewer.",
    },
    {
      rule: "unknown format",
      input: { ...base, format: "currency" },
      path: "format",
      message: "Choose a format: phone_e164, first_name, title_case, upper, lower, trim, date, number, or none.",
    },
    {
      rule: "long default",
      input: { ...base, default: "x".repeat(501) },
      path: "default",
      message: "Keep the default to 500 characters or fewer.",
    },
  ])("rejects $rule", ({ input, path, message }) => {
    expect(firstIssue(variableSchema.safeParse(input))).toEqual({ path, message });
  });
});

describe("variableListSchema", () => {
  it("accepts distinct names", () => {
    const list = [base, { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" }];
    expect(variableListSchema.parse(list).map((v) => v.name)).toEqual(["customer_name", "phone"]);
  });

  it("points at the second use of a name", () => {
    const list = [base, { ...base, field: "LastName" }, { ...base, name: "phone" }];
    expect(firstIssue(variableListSchema.safeParse(list))).toEqual({
      path: "1.name",
      message: '"customer_name" is already the name of variable 1; each variable needs its own name.',
    });
  });

  it("allows 50 variables and rejects 51", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => ({ ...base, name: `v${i}` }));
    expect(variableListSchema.safeParse(list(50)).success).toBe(true);
    expect(firstIssue(variableListSchema.safeParse(list(51)))).toEqual({ path: "", message: "An agent can have at most 50 variables." });
  });
});
