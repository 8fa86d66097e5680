import { describe, expect, it } from "vitest";
import { lookupField, missingFields, resolveVariables } from "./map";
import type { Variable } from "./schema";

const lsq = (name: string, field: string, extra: Partial<Variable> = {}): Variable => ({
  name,
  source: "leadsquared",
  field,
  format: undefined,
  default: undefined,
  ...extra,
});
const hs = (name: string, field: string, extra: Partial<Variable> = {}): Variable => ({ ...lsq(name, field, extra), source: "hubspot" });

// The reconstructed LeadSquared Lead Create body (api-facts §1.6).
const LSQ_LEAD = {
  ProspectID: "a311900c-0e56-4601-b580-f931645e7b32",
  ProspectAutoId: "3142",
  FirstName: "asha",
  LastName: "Rao",
  EmailAddress: "asha@example.com",
  Origin: "API",
  Phone: "+91-9876543210",
  Mobile: null,
  Source: "Direct Traffic",
  ProspectStage: "Prospect",
  DoNotCall: "0",
  Score: "0",
  mx_City: "Pune",
  CreatedOn: "2026-11-22 04:30:00",
};

const context = { defaultCountryCode: "91", timeZone: "Asia/Kolkata" };

describe("lookupField", () => {
  it.each([
    { field: "Phone", found: true, key: "Phone" },
    { field: "phone", found: true, key: "Phone" },
    { field: "EMAILADDRESS", found: true, key: "EmailAddress" },
    { field: "Mobile", found: true, key: "Mobile" },
    { field: "Company", found: false, key: undefined },
  ])("$field", ({ field, found, key }) => {
    const result = lookupField(LSQ_LEAD, field);
    expect(result.found).toBe(found);
    expect(result.found ? result.key : undefined).toBe(key);
  });

  it("prefers the exact name over a case-insensitive match", () => {
    expect(lookupField({ phone: "1", Phone: "2" }, "Phone")).toEqual({ found: true, key: "Phone", value: "2" });
  });
});

describe("resolveVariables", () => {
  it("maps a LeadSquared lead with formats", () => {
    const result = resolveVariables({
      lead: LSQ_LEAD,
      variables: [
        lsq("name", "FirstName", { format: "first_name" }),
        lsq("phone", "Phone"),
        lsq("email", "emailaddress", { format: "lower" }),
        lsq("city", "mx_City", { format: "upper" }),
        lsq("created", "CreatedOn", { format: "date" }),
        lsq("score", "Score", { format: "number" }),
      ],
      ...context,
    });
    expect(result.values).toEqual({
      name: "Asha",
      phone: "+919876543210",
      email: "asha@example.com",
      city: "PUNE",
      created: "2026-11-22",
      score: "0",
    });
    expect(result.phone).toBe("+919876543210");
    expect(result.problems).toEqual([]);
    expect(result.fields[2]).toEqual({
      name: "email",
      field: "emailaddress",
      raw: "asha@example.com",
      value: "asha@example.com",
      status: "ok",
    });
  });

  it("normalises the phone variable to E.164 whatever its format", () => {
    const result = resolveVariables({
      lead: { Mobile: "09876543210" },
      variables: [lsq("phone", "Mobile", { format: "upper" })],
      ...context,
    });
    expect(result.phone).toBe("+919876543210");
    expect(result.values.phone).toBe("+919876543210");
  });

  it("honours a custom phone variable name", () => {
    const result = resolveVariables({
      lead: { mobilephone: "+1 415 555 2671", phone: "" },
      variables: [hs("mobile", "mobilephone"), hs("phone", "phone")],
      phoneVariable: "mobile",
      ...context,
    });
    expect(result.phone).toBe("+14155552671");
    expect(result.problems).toEqual([
      { name: "phone", field: "phone", message: "phone is empty on this lead; map another field or set a default", blocking: false },
    ]);
  });

  it("reports an empty phone as blocking with the fix", () => {
    const result = resolveVariables({ lead: { ...LSQ_LEAD, Phone: null }, variables: [lsq("phone", "Phone")], ...context });
    expect(result.phone).toBeNull();
    expect(result.fields).toEqual([
      {
        name: "phone",
        field: "Phone",
        raw: null,
        value: "",
        status: "missing",
        reason: "Phone is empty on this lead; map another field or set a default",
      },
    ]);
    expect(result.problems).toEqual([
      { name: "phone", field: "Phone", message: "Phone is empty on this lead; map another field or set a default", blocking: true },
    ]);
  });

  it("reports an unusable phone as blocking", () => {
    const result = resolveVariables({ lead: { Phone: "98765" }, variables: [lsq("phone", "Phone")], ...context });
    expect(result.phone).toBeNull();
    expect(result.fields[0]).toMatchObject({ raw: "98765", value: "", status: "invalid" });
    expect(result.problems).toEqual([
      { name: "phone", field: "Phone", message: 'Phone: "98765" has too few digits for a +91 number', blocking: true },
    ]);
  });

  it("uses a phone default, normalised", () => {
    const result = resolveVariables({ lead: {}, variables: [lsq("phone", "Phone", { default: "98765 43210" })], ...context });
    expect(result.phone).toBe("+919876543210");
    expect(result.fields[0]).toEqual({
      name: "phone",
      field: "Phone",
      raw: null,
      value: "+919876543210",
      status: "default",
      reason: "This lead has no field named Phone; check the spelling, map another field or set a default; used the default",
    });
  });

  it("rejects a phone default that is not a number", () => {
    const result = resolveVariables({ lead: { Phone: "" }, variables: [lsq("phone", "Phone", { default: "none" })], ...context });
    expect(result.phone).toBeNull();
    expect(result.problems[0]).toEqual({
      name: "phone",
      field: "Phone",
      message:
        'Phone is empty on this lead; map another field or set a default; the default is not usable either: "none" has no digits, so it is not a phone number',
      blocking: true,
    });
  });

  it("reports a missing phone variable first", () => {
    const result = resolveVariables({ lead: LSQ_LEAD, variables: [lsq("company", "Company")], source: "leadsquared", ...context });
    expect(result.phone).toBeNull();
    expect(result.problems.map((p) => [p.name, p.blocking, p.message])).toEqual([
      ["phone", true, 'No variable is named "phone", so there is no number to call; add a variable "phone" that reads Phone or Mobile'],
      ["company", false, "This lead has no field named Company; check the spelling, map another field or set a default"],
    ]);
  });

  it("names the other CRM when the phone variable reads it, not the lead's", () => {
    const result = resolveVariables({ lead: { vid: 7 }, variables: [lsq("phone", "Phone")], source: "hubspot", ...context });
    expect(result.problems[0]).toEqual({
      name: "phone",
      field: null,
      message:
        'The variable "phone" reads LeadSquared\'s Phone, but this lead came from HubSpot, so there is no number to call; add a HubSpot variable "phone" that reads phone or mobilephone, or send this agent\'s leads from LeadSquared',
      blocking: true,
    });
  });

  it.each([
    {
      rule: "missing with default uses the default as typed",
      variable: lsq("name", "FirstName", { format: "first_name", default: "there" }),
      lead: { FirstName: "  " },
      value: "there",
      status: "default",
    },
    { rule: "missing without default is empty", variable: lsq("name", "FirstName"), lead: {}, value: "", status: "missing" },
    {
      rule: "unreadable value with default uses the default",
      variable: lsq("due", "mx_Due", { format: "date", default: "soon" }),
      lead: { mx_Due: "next week" },
      value: "soon",
      status: "default",
    },
    {
      rule: "unreadable value without default passes the text on",
      variable: lsq("due", "mx_Due", { format: "date" }),
      lead: { mx_Due: " next week " },
      value: "next week",
      status: "invalid",
    },
    {
      rule: "numbers are read as text",
      variable: lsq("score", "Score", { format: "number" }),
      lead: { Score: 1234.5 },
      value: "1234.5",
      status: "ok",
    },
    { rule: "booleans are read as text", variable: lsq("dnc", "DoNotCall"), lead: { DoNotCall: false }, value: "false", status: "ok" },
    {
      rule: "objects are not single values",
      variable: lsq("tags", "mx_Tags"),
      lead: { mx_Tags: ["a", "b"] },
      value: "",
      status: "invalid",
    },
  ])("$rule", ({ variable, lead, value, status }) => {
    const result = resolveVariables({ lead: { Phone: "9876543210", ...lead }, variables: [lsq("phone", "Phone"), variable], ...context });
    expect(result.values[variable.name]).toBe(value);
    expect(result.fields[1]?.status).toBe(status);
    expect(result.phone).toBe("+919876543210");
  });

  it("explains structured and unreadable values", () => {
    const result = resolveVariables({
      lead: { Phone: "9876543210", mx_Tags: { a: 1 }, mx_Due: "next week" },
      variables: [lsq("phone", "Phone"), lsq("tags", "mx_Tags"), lsq("due", "mx_Due", { format: "date" })],
      ...context,
    });
    expect(result.problems).toEqual([
      {
        name: "tags",
        field: "mx_Tags",
        message: "mx_Tags holds a list or an object, not a single value; map a field that holds text",
        blocking: false,
      },
      {
        name: "due",
        field: "mx_Due",
        message: 'mx_Due: "next week" is not a date I can read: use YYYY-MM-DD, DD/MM/YYYY, an ISO date-time or epoch milliseconds',
        blocking: false,
      },
    ]);
    expect(result.fields[1]?.raw).toBe('{"a":1}');
  });

  it("skips variables of the other CRM when a source is given", () => {
    const result = resolveVariables({
      lead: { phone: "+919876543210", firstname: "Asha" },
      variables: [lsq("lsq_name", "FirstName"), hs("phone", "phone"), hs("name", "firstname")],
      source: "hubspot",
      ...context,
    });
    expect(result.values).toEqual({ phone: "+919876543210", name: "Asha" });
  });
});

describe("missingFields", () => {
  const variables = [
    lsq("name", "firstname"),
    lsq("phone", "Phone"),
    lsq("mobile", "Mobile"),
    lsq("company", "Company"),
    lsq("company2", "company"),
  ];

  it("lists mapped fields the lead does not carry, once each, ignoring case", () => {
    expect(missingFields({ lead: LSQ_LEAD, variables })).toEqual(["Company"]);
  });

  it("lists every field for a HubSpot event that carries no properties", () => {
    expect(
      missingFields({ lead: {}, variables: [hs("name", "firstname"), hs("phone", "phone"), lsq("x", "Mobile")], source: "hubspot" }),
    ).toEqual(["firstname", "phone"]);
  });
});
