import { describe, expect, it } from "vitest";
import { parseLeadSquaredBody } from "./lead-body";

// The reconstructed Lead Create delivery of api-facts §1.6.
const LEAD = {
  ProspectID: "a311900c-0e56-4601-b580-f931645e7b32",
  ProspectAutoId: "3142",
  FirstName: "Asha",
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
const SECOND = { ...LEAD, ProspectID: "5d2f1c1e-1111-4c4c-9a9a-000000000002", FirstName: "Ravi", Phone: "9123456789" };
const WEBHOOK_ID = "7463290b-9dee-11e7-b0ab-02e89b2fb8f4";
const LSQ_QUERY = new URLSearchParams(
  `agent_id=agt_1&type=leadsquared&entityType=webhook&entityId=${WEBHOOK_ID}&eventType=Lead_Post_Create`,
);
const META = { eventType: "Lead_Post_Create", entityType: "webhook", entityId: WEBHOOK_ID };
const FIX = "set the webhook's Content Type to application/json in LeadSquared";

describe("parseLeadSquaredBody accepts LeadSquared's encodings", () => {
  it.each([
    { rule: "JSON object", contentType: "application/json", raw: JSON.stringify(LEAD) },
    { rule: "JSON with charset", contentType: "application/json; charset=utf-8", raw: JSON.stringify(LEAD) },
    {
      rule: "JSON with a byte-order mark and newlines",
      contentType: "application/json",
      raw: `\uFEFF\n${JSON.stringify(LEAD, null, 2)}\n`,
    },
    { rule: "text/plain carrying JSON", contentType: "text/plain", raw: JSON.stringify(LEAD) },
    { rule: "no Content-Type, JSON body", contentType: null, raw: JSON.stringify(LEAD) },
    { rule: "form Content-Type with a JSON body", contentType: "application/x-www-form-urlencoded", raw: JSON.stringify(LEAD) },
  ])("$rule → one lead", ({ contentType, raw }) => {
    expect(parseLeadSquaredBody({ raw, contentType, query: LSQ_QUERY })).toEqual({
      ok: true,
      encoding: "json",
      leads: [{ leadId: LEAD.ProspectID, ...META, fields: LEAD }],
    });
  });

  it("reads a JSON array as a bulk delivery", () => {
    const result = parseLeadSquaredBody({ raw: JSON.stringify([LEAD, SECOND]), contentType: "application/json", query: LSQ_QUERY });
    expect(result).toEqual({
      ok: true,
      encoding: "json",
      leads: [
        { leadId: LEAD.ProspectID, ...META, fields: LEAD },
        { leadId: SECOND.ProspectID, ...META, fields: SECOND },
      ],
    });
  });

  it("reads a form-encoded lead", () => {
    const raw = "ProspectID=a311900c-0e56-4601-b580-f931645e7b32&FirstName=Asha&Phone=%2B91-9876543210&mx_City=New+Delhi&Mobile=";
    expect(parseLeadSquaredBody({ raw, contentType: "application/x-www-form-urlencoded", query: LSQ_QUERY })).toEqual({
      ok: true,
      encoding: "form",
      leads: [
        {
          leadId: "a311900c-0e56-4601-b580-f931645e7b32",
          ...META,
          fields: {
            ProspectID: "a311900c-0e56-4601-b580-f931645e7b32",
            FirstName: "Asha",
            Phone: "+91-9876543210",
            mx_City: "New Delhi",
            Mobile: "",
          },
        },
      ],
    });
  });

  it.each([
    { rule: "text/plain key=value pairs", contentType: "text/plain" },
    { rule: "no Content-Type, key=value pairs", contentType: null },
  ])("$rule are read as a form", ({ contentType }) => {
    const result = parseLeadSquaredBody({ raw: "ProspectId=p-1&Phone=9876543210&Phone=9123456789", contentType, query: LSQ_QUERY });
    expect(result).toEqual({
      ok: true,
      encoding: "form",
      leads: [{ leadId: "p-1", ...META, fields: { ProspectId: "p-1", Phone: "9123456789" } }],
    });
  });

  it.each([
    { rule: "ProspectID", fields: { ProspectID: "A-1" }, leadId: "A-1" },
    { rule: "ProspectId", fields: { ProspectId: "a-2" }, leadId: "a-2" },
    { rule: "prospectid", fields: { prospectid: " a-3 " }, leadId: "a-3" },
    { rule: "RelatedProspectId on activities", fields: { RelatedProspectId: "a-4", ActivityEvent: "247" }, leadId: "a-4" },
    { rule: "LeadId", fields: { LeadId: "a-5" }, leadId: "a-5" },
    { rule: "ProspectID wins over RelatedProspectId", fields: { RelatedProspectId: "r", ProspectID: "p" }, leadId: "p" },
    { rule: "numeric id", fields: { ProspectID: 42 }, leadId: "42" },
    { rule: "empty ProspectID", fields: { ProspectID: "", FirstName: "Asha" }, leadId: null },
    { rule: "null ProspectID", fields: { ProspectID: null, FirstName: "Asha" }, leadId: null },
    { rule: "bare Id is not a lead id", fields: { Id: "activity-9", FirstName: "Asha" }, leadId: null },
  ])("lead id from $rule", ({ fields, leadId }) => {
    const result = parseLeadSquaredBody({ raw: JSON.stringify(fields), contentType: "application/json", query: new URLSearchParams() });
    expect(result.ok && result.leads[0]?.leadId).toBe(leadId);
  });

  it.each([
    { rule: "absent", query: "agent_id=agt_1", meta: { eventType: null, entityType: null, entityId: null } },
    {
      rule: "different case",
      query: "EVENTTYPE=Lead_Post_Update&entitytype=automation&EntityId=r-1",
      meta: { eventType: "Lead_Post_Update", entityType: "automation", entityId: "r-1" },
    },
    {
      rule: "repeated: the appended last value wins",
      query: "eventType=mine&eventType=Lead_Post_Create",
      meta: { eventType: "Lead_Post_Create", entityType: null, entityId: null },
    },
    { rule: "blank", query: "eventType=&entityType=%20", meta: { eventType: null, entityType: null, entityId: null } },
    {
      rule: "the exact name beats another case",
      query: "eventType=Lead_Post_Create&EVENTTYPE=other",
      meta: { eventType: "Lead_Post_Create", entityType: null, entityId: null },
    },
  ])("URL parameters $rule", ({ query, meta }) => {
    const result = parseLeadSquaredBody({ raw: JSON.stringify(LEAD), contentType: "application/json", query: new URLSearchParams(query) });
    expect(
      result.ok && { eventType: result.leads[0]?.eventType, entityType: result.leads[0]?.entityType, entityId: result.leads[0]?.entityId },
    ).toEqual(meta);
  });
});

describe("parseLeadSquaredBody explains what it expected", () => {
  it.each([
    {
      rule: "multipart",
      contentType: "multipart/form-data; boundary=x",
      raw: "--x",
      kind: "unsupported_media_type",
      message: `Content-Type multipart/form-data is not supported: send application/json (recommended), application/x-www-form-urlencoded or text/plain; ${FIX}.`,
    },
    {
      rule: "XML",
      contentType: "application/xml",
      raw: "",
      kind: "unsupported_media_type",
      message: `Content-Type application/xml is not supported: send application/json (recommended), application/x-www-form-urlencoded or text/plain; ${FIX}.`,
    },
    {
      rule: "empty body",
      contentType: "application/json",
      raw: " \n ",
      kind: "empty",
      message: `The body is empty; a LeadSquared webhook posts the lead's fields. Check the webhook's event, and ${FIX}.`,
    },
    {
      rule: "empty array",
      contentType: "application/json",
      raw: "[]",
      kind: "empty",
      message: "The body is an empty JSON array: it has no leads.",
    },
    {
      rule: "empty object",
      contentType: "application/json",
      raw: "{}",
      kind: "empty",
      message: "The body has no lead fields: it is an empty object.",
    },
    {
      rule: "empty form",
      contentType: "application/x-www-form-urlencoded",
      raw: "&&",
      kind: "empty",
      message: "The body has no lead fields: it is an empty object.",
    },
    {
      rule: "JSON string",
      contentType: "application/json",
      raw: '"hello"',
      kind: "malformed",
      message: "The JSON body is a string; send a lead as a JSON object, or several leads as an array of objects.",
    },
    {
      rule: "JSON null",
      contentType: "application/json",
      raw: "null",
      kind: "malformed",
      message: "The JSON body is null; send a lead as a JSON object, or several leads as an array of objects.",
    },
    {
      rule: "plain text",
      contentType: "text/plain",
      raw: "new lead Asha",
      kind: "malformed",
      message: `The body was sent as text/plain but is neither JSON nor key=value pairs; send each lead as a JSON object and ${FIX}.`,
    },
    {
      rule: "no Content-Type and plain text",
      contentType: null,
      raw: "hello",
      kind: "malformed",
      message: `The body was sent with no Content-Type but is neither JSON nor key=value pairs; send each lead as a JSON object and ${FIX}.`,
    },
  ])("$rule", ({ contentType, raw, kind, message }) => {
    expect(parseLeadSquaredBody({ raw, contentType, query: LSQ_QUERY })).toEqual({ ok: false, kind, message });
  });

  it("reports broken JSON with the parser's position", () => {
    const result = parseLeadSquaredBody({ raw: '{"ProspectID": "a",}', contentType: "application/json", query: LSQ_QUERY });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("malformed");
    expect(result.message).toMatch(
      /^The body is not valid JSON \(.+\)\. Send each lead as a JSON object; set the webhook's Content Type to application\/json in LeadSquared\.$/,
    );
    expect(result.message).toContain("position 19");
  });
});

describe("parseLeadSquaredBody: items of an array that are not leads", () => {
  it("are refused one by one, so the leads beside them still count", () => {
    const result = parseLeadSquaredBody({
      raw: JSON.stringify([LEAD, "oops", [1], null]),
      contentType: "application/json",
      query: new URLSearchParams(),
    });
    expect(result.ok).toBe(true);
    const leads = result.ok ? result.leads : [];
    expect(leads.map((l) => l.problem ?? null)).toEqual([
      null,
      "Item 2 of the JSON array is a string; each item must be a JSON object of lead fields.",
      "Item 3 of the JSON array is an array; each item must be a JSON object of lead fields.",
      "Item 4 of the JSON array is null; each item must be a JSON object of lead fields.",
    ]);
    expect(leads[0]!.fields).toEqual(LEAD);
  });

  it("reads a form body that starts with &", () => {
    const result = parseLeadSquaredBody({ raw: "&ProspectID=p-1&Phone=1", contentType: "text/plain", query: new URLSearchParams() });
    expect(result.ok && result.leads[0]!.fields).toEqual({ ProspectID: "p-1", Phone: "1" });
  });
});
