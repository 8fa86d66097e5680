// An in-process LeadSquared API (api-facts §1) on 127.0.0.1 for vitest and Playwright: the endpoints Leadline calls,
// with LeadSquared's auth, bodies, error shapes and per-key rate limit. Each instance owns all of its state.
import { randomUUID } from "node:crypto";
import { deliverToWebhook, lsqError, validWebhook, type Answer, type FakeWebhook, type WebhookDelivery } from "./leadsquared-webhooks";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isObject, lifecycle, logEntry, readBody, type FailureMode, type LoggedRequest } from "./http";

export type FakeLead = Record<string, string | null>;
export type FakeLeadField = {
  SchemaName: string;
  DisplayName: string;
  DataType: string;
  IsMandatory: boolean;
  MaxLength?: string;
  RenderTypeTextValue?: string;
  Options?: { Value: string }[];
};
/** An activity posted on a lead, as ProspectActivity.svc/Create received it. */
export type FakeActivity = {
  Id: string;
  RelatedProspectId: string;
  ActivityEvent: number;
  ActivityNote: string;
  ActivityDateTime: string;
  Fields: { SchemaName: string; Value: string }[];
};
export type { FailureMode, LoggedRequest } from "./http";
export type { FakeWebhook, WebhookDelivery } from "./leadsquared-webhooks";

export type FakeLeadSquaredOptions = {
  accessKey?: string;
  secretKey?: string;
  leads?: FakeLead[];
  fields?: FakeLeadField[];
  /** Overrides for the UserByAccessKey.Get answer, e.g. another region's LSQCommonServiceURLs. */
  user?: Partial<typeof FAKE_LSQ_USER>;
  /** Default 25 calls per 5 s per access key, answered with 429 (or "200": HTTP 200 + the exception body, §1.4). */
  rateLimit?: { limit?: number; windowMs?: number; answer?: "429" | "200"; bulkLimit?: number };
  /** The account's activity type codes (custom types are numeric, §1.5.6); default 201 and 202. */
  activityTypes?: number[];
  /** The fake's clock for the rate limit and the request log; share one with the client's limiter in tests. */
  now?: () => number;
  /** Fields whose values must be unique besides EmailAddress and Phone (an admin's "make field unique"). */
  uniqueFields?: string[];
};

/** A lead event the account's automations and webhooks fire (Lead_Post_Create, Lead_Post_Update). */
export type FakeLeadEvent = { eventType: "Lead_Post_Create" | "Lead_Post_Update"; lead: FakeLead };

const BULK_PATHS = new Set([
  "/v2/LeadManagement.svc/Lead/Bulk/Create",
  "/v2/LeadManagement.svc/Lead/Bulk/UpdateV2",
  "/v2/ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId",
]);
const MAX_BULK_LEADS = 50;
const MAX_BULK_UPDATES = 25;
const MAX_BULK_ACTIVITIES = 25;

export const FAKE_LSQ_ACCESS_KEY = "u$r1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";
export const FAKE_LSQ_SECRET_KEY = "9f8e7d6c5b4a39281706f5e4d3c2b1a0fedcba98";

export const FAKE_LSQ_USER = {
  Id: "2f1c9a6e-5b7d-4e2a-9c41-7d3b8e6f1a20",
  Name: "Asha Rao",
  Role: "Administrator",
  TimeZone: "Asia/Kolkata",
  OrgId: "61234",
  OrgShortCode: "61234",
  OrgDisplayName: "Acme Realty",
  DefaultCountryCode: "91",
  Phone: "+91-8556010497",
  LSQCommonServiceURLs: { api: "api-in21.leadsquared.com", app: "in21.leadsquared.com" },
};

export const FAKE_LSQ_FIELDS: FakeLeadField[] = [
  { SchemaName: "ProspectID", DisplayName: "Lead Id", DataType: "Text", IsMandatory: false, MaxLength: "50" },
  { SchemaName: "FirstName", DisplayName: "First Name", DataType: "Text", IsMandatory: false, MaxLength: "100" },
  { SchemaName: "LastName", DisplayName: "Last Name", DataType: "Text", IsMandatory: false, MaxLength: "100" },
  { SchemaName: "EmailAddress", DisplayName: "Email", DataType: "Email", IsMandatory: false, MaxLength: "100" },
  { SchemaName: "Phone", DisplayName: "Phone Number", DataType: "Phone", IsMandatory: false, MaxLength: "50" },
  { SchemaName: "Mobile", DisplayName: "Mobile Number", DataType: "Phone", IsMandatory: false, MaxLength: "50" },
  {
    SchemaName: "Source",
    DisplayName: "Lead Source",
    DataType: "Select",
    IsMandatory: false,
    RenderTypeTextValue: "Dropdown",
    Options: [{ Value: "Direct Traffic" }, { Value: "Facebook Ads" }, { Value: "Google Ads" }],
  },
  {
    SchemaName: "ProspectStage",
    DisplayName: "Lead Stage",
    DataType: "Select",
    IsMandatory: false,
    RenderTypeTextValue: "Dropdown",
    Options: [{ Value: "Prospect" }, { Value: "Opportunity" }, { Value: "Customer" }],
  },
  { SchemaName: "CreatedOn", DisplayName: "Created On", DataType: "datetime", IsMandatory: false },
  {
    SchemaName: "mx_City",
    DisplayName: "City",
    DataType: "Select",
    IsMandatory: false,
    RenderTypeTextValue: "Dropdown",
    Options: [{ Value: "Bengaluru" }, { Value: "Mumbai" }, { Value: "Pune" }],
  },
  { SchemaName: "mx_Product_Interest", DisplayName: "Product Interest", DataType: "Text", IsMandatory: false, MaxLength: "200" },
  { SchemaName: "mx_Budget", DisplayName: "Budget (INR lakh)", DataType: "number", IsMandatory: false },
  { SchemaName: "mx_Preferred_Call_Time", DisplayName: "Preferred Call Time", DataType: "datetime", IsMandatory: false },
];

export const FAKE_LSQ_LEADS: FakeLead[] = [
  {
    ProspectID: "a311900c-0e56-4601-b580-f931645e7b32",
    ProspectAutoId: "3142",
    FirstName: "Asha",
    LastName: "Verma",
    EmailAddress: "asha.verma@example.com",
    Phone: "+91-9876543210",
    Mobile: null,
    Source: "Facebook Ads",
    ProspectStage: "Prospect",
    Score: "0",
    DoNotCall: "0",
    OwnerId: FAKE_LSQ_USER.Id,
    mx_City: "Pune",
    mx_Product_Interest: "2BHK apartment",
    mx_Budget: "85",
    mx_Preferred_Call_Time: null,
    CreatedOn: "2026-11-22 04:30:00.000",
    ModifiedOn: "2026-11-22 04:30:00.000",
  },
  {
    ProspectID: "c7d2e0f4-51a9-4b3e-8f6d-2a9b1c4e7f03",
    ProspectAutoId: "3143",
    FirstName: "Rahul",
    LastName: "Nair",
    EmailAddress: "rahul.nair@example.com",
    Phone: "9901111111",
    Mobile: "+91-9900022222",
    Source: "Google Ads",
    ProspectStage: "Opportunity",
    Score: "54",
    DoNotCall: "0",
    OwnerId: FAKE_LSQ_USER.Id,
    mx_City: "Bengaluru",
    mx_Product_Interest: "Villa",
    mx_Budget: "220",
    mx_Preferred_Call_Time: "2026-11-23 05:30:00.000",
    CreatedOn: "2026-11-22 06:02:11.000",
    ModifiedOn: "2026-11-22 07:15:40.000",
  },
];

type Route = { method: "GET" | "POST"; handle: (query: Record<string, string>, body: unknown) => Answer };

export function createFakeLeadSquared(options: FakeLeadSquaredOptions = {}) {
  let accessKey = options.accessKey ?? FAKE_LSQ_ACCESS_KEY;
  let secretKey = options.secretKey ?? FAKE_LSQ_SECRET_KEY;
  const now = options.now ?? Date.now;
  const limit = options.rateLimit?.limit ?? 25;
  const windowMs = options.rateLimit?.windowMs ?? 5_000;
  const rateAnswer = options.rateLimit?.answer ?? "429";
  const bulkLimit = options.rateLimit?.bulkLimit ?? 1;
  const leads = new Map((options.leads ?? FAKE_LSQ_LEADS).map((l) => [String(l.ProspectID), { ...l }]));
  const fields = options.fields ?? FAKE_LSQ_FIELDS;
  const user = { ...FAKE_LSQ_USER, ...options.user };
  const webhooks: FakeWebhook[] = [];
  const activities: FakeActivity[] = [];
  const leadUpdates: { leadId: string; fields: { Attribute: string; Value: string }[] }[] = [];
  const activityTypes = options.activityTypes ?? [201, 202];
  // Names of the types made through CreateType; the others are named after their code.
  const activityTypeNames = new Map<number, string>();
  const requests: LoggedRequest[] = [];
  // Scripted failures, each for any path or only for one (e.g. the Create after the look-ups before it).
  const failures: { mode: FailureMode; path?: string }[] = [];
  const accepted = new Map<string, number[]>();
  const acceptedBulk = new Map<string, number[]>();
  const uniqueFields = ["EmailAddress", "Phone", ...(options.uniqueFields ?? [])];
  const leadEvents: FakeLeadEvent[] = [];
  const webhookDeliveries: WebhookDelivery[] = [];
  const pendingDeliveries = new Set<Promise<void>>();
  let automation: ((event: FakeLeadEvent) => void | Promise<void>) | null = null;
  let autoId = 5000;

  function fire(eventType: FakeLeadEvent["eventType"], lead: FakeLead): void {
    const event = { eventType, lead: { ...lead } };
    leadEvents.push(event);
    // Automations run after the API call answered, as LeadSquared's queue does.
    if (automation) setTimeout(() => void automation?.(event), 0);
    // Enabled webhooks registered for this event are posted to the same way (StatusCode 0 is enabled).
    for (const webhook of webhooks.filter((w) => w.WebhookEvent === eventType && w.StatusCode === 0)) {
      const sent = deliverToWebhook(webhook, event.lead).then((d) => void webhookDeliveries.push(d));
      pendingDeliveries.add(sent);
      void sent.finally(() => pendingDeliveries.delete(sent));
    }
  }

  const fieldNamed = (name: string) => fields.find((f) => f.SchemaName.toLowerCase() === name.toLowerCase());
  const valueOf = (lead: FakeLead, name: string) => {
    const key = Object.keys(lead).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : lead[key];
  };
  const digits = (v: string | null | undefined) => (v ?? "").replace(/\D/g, "");

  /** LeadSquared's write body: [{Attribute, Value}] with known fields and values each field's type accepts (§1.5.5). */
  function readAttributes(body: unknown): { attributes: Record<string, string> } | Answer {
    if (!Array.isArray(body)) return lsqError(400, "MXInvalidInputException", "The body must be an array of {Attribute, Value}");
    const attributes: Record<string, string> = {};
    for (const item of body) {
      if (!isObject(item) || typeof item.Attribute !== "string")
        return lsqError(400, "MXInvalidInputException", "Each item needs an Attribute");
      if (item.Attribute === "SearchBy") {
        attributes.SearchBy = String(item.Value ?? "");
        continue;
      }
      const field = fieldNamed(item.Attribute);
      if (!field) return lsqError(400, "MXInvalidInputException", `Attribute '${item.Attribute}' does not exist`);
      const value = item.Value === null || item.Value === undefined ? "" : String(item.Value);
      const type = field.DataType.toLowerCase();
      if (value && type === "number" && !/^-?\d+(\.\d+)?$/.test(value))
        return lsqError(400, "MXInvalidInputException", `'${value}' is not a valid number for ${field.DisplayName}`);
      if (value && type === "datetime" && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value))
        return lsqError(400, "MXInvalidInputException", `'${value}' is not a valid date for ${field.DisplayName}`);
      // A new Lead Source is added to the list rather than refused.
      if (value && field.Options && field.SchemaName !== "Source" && !field.Options.some((o) => o.Value === value))
        return lsqError(400, "MXInvalidInputException", `'${value}' is not an option of ${field.DisplayName}`);
      attributes[field.SchemaName] = value;
    }
    return { attributes };
  }

  function duplicateOf(attributes: Record<string, string>, exceptId?: string): string | null {
    for (const name of uniqueFields) {
      const value = attributes[name];
      if (!value) continue;
      for (const lead of leads.values()) {
        if (lead.ProspectID === exceptId) continue;
        const other = valueOf(lead, name);
        const same =
          name === "Phone" ? digits(other) === digits(value) && digits(value) !== "" : other?.toLowerCase() === value.toLowerCase();
        if (same) return name;
      }
    }
    return null;
  }

  function insertLead(attributes: Record<string, string>): FakeLead | Answer {
    const { SearchBy: _searchBy, ...values } = attributes;
    if (!values.FirstName && !values.LastName && !values.EmailAddress && !values.Phone)
      return lsqError(400, "MXMandatoryAttributeMissingException", "One of FirstName, LastName, EmailAddress or Phone is mandatory");
    const duplicate = duplicateOf(values);
    if (duplicate) return lsqError(400, "MXDuplicateEntryException", `A lead with the same ${duplicate} already exists`);
    const at = new Date(now()).toISOString().slice(0, 19).replace("T", " ") + ".000";
    const lead: FakeLead = { ProspectID: randomUUID(), ProspectAutoId: String(++autoId), ...values, CreatedOn: at, ModifiedOn: at };
    leads.set(lead.ProspectID!, lead);
    fire("Lead_Post_Create", lead);
    return lead;
  }

  function changeLead(id: string, attributes: Record<string, string>, post: boolean): FakeLead | Answer {
    const lead = leads.get(id);
    if (!lead) return lsqError(400, "MXInvalidEntityException", `Lead ${id} does not exist`);
    const { SearchBy: _searchBy, ...values } = attributes;
    const duplicate = duplicateOf(values, id);
    if (duplicate) return lsqError(400, "MXDuplicateEntryException", `A lead with the same ${duplicate} already exists`);
    Object.assign(lead, values, { ModifiedOn: new Date(now()).toISOString().slice(0, 19).replace("T", " ") + ".000" });
    // Lead.Update fires Lead update webhooks and automations only with postUpdatedLead=true (§1.5.5).
    if (post) fire("Lead_Post_Update", lead);
    return lead;
  }

  function findBy(field: string, value: string): FakeLead | undefined {
    const all = [...leads.values()];
    if (field === "phone")
      return all.find((l) => [l.Phone, l.Mobile].some((p) => digits(p) !== "" && (digits(p).endsWith(value) || value.endsWith(digits(p)))));
    return all.find((l) => (valueOf(l, field) ?? "").toLowerCase() === value.toLowerCase() && value !== "");
  }

  const toFields = (attributes: Record<string, string>) => Object.entries(attributes).map(([Attribute, Value]) => ({ Attribute, Value }));
  const isAnswer = (x: unknown): x is Answer => isObject(x) && typeof x.status === "number" && "body" in x;
  const routes: Record<string, Route> = {
    "/v2/Authentication.svc/UserByAccessKey.Get": { method: "GET", handle: () => ({ status: 200, body: user }) },
    "/v2/LeadManagement.svc/LeadsMetaData.Get": {
      method: "GET",
      handle: (q) => {
        const chosen = q.schemaname ? fields.filter((f) => f.SchemaName === q.schemaname) : fields;
        const body = q.excludeoptionsets === "1" ? chosen.map(({ Options: _options, ...f }) => f) : chosen;
        return { status: 200, body };
      },
    },
    "/v2/LeadManagement.svc/Leads.GetById": {
      method: "GET",
      handle: (q) => {
        if (!q.id) return lsqError(400, "MXMandatoryAttributeMissingException", "'id' is mandatory");
        const lead = leads.get(q.id);
        return { status: 200, body: lead ? [lead] : [] };
      },
    },
    "/v2/LeadManagement.svc/Leads.GetByEmailaddress": {
      method: "GET",
      handle: (q) => {
        if (!q.emailaddress) return lsqError(400, "MXMandatoryAttributeMissingException", "'emailaddress' is mandatory");
        const lead = findBy("EmailAddress", q.emailaddress);
        return { status: 200, body: lead ? [lead] : [] };
      },
    },
    "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber": {
      method: "GET",
      handle: (q) => {
        if (!q.phone || /\D/.test(q.phone))
          return lsqError(400, "MXInvalidInputException", "'phone' must be digits only, without spaces or hyphens");
        const lead = findBy("phone", q.phone);
        return { status: 200, body: lead ? [lead] : [] };
      },
    },
    "/v2/LeadManagement.svc/Leads.Get": {
      method: "POST",
      handle: (_q, body) => {
        const p = isObject(body) && isObject(body.Parameter) ? body.Parameter : null;
        if (!p || typeof p.LookupName !== "string" || p.SqlOperator !== "=")
          return lsqError(400, "MXInvalidInputException", "Parameter.LookupName, LookupValue and SqlOperator '=' are required here");
        const lead = findBy(p.LookupName, String(p.LookupValue ?? ""));
        return { status: 200, body: lead ? [lead] : [] };
      },
    },
    "/v2/LeadManagement.svc/Lead.Create": {
      method: "POST",
      handle: (_q, body) => {
        const read = readAttributes(body);
        if (isAnswer(read)) return read;
        const lead = insertLead(read.attributes);
        return isAnswer(lead) ? lead : { status: 200, body: { Status: "Success", Message: { Id: lead.ProspectID } } };
      },
    },
    "/v2/LeadManagement.svc/Lead.Update": {
      method: "POST",
      handle: (q, body) => {
        if (!q.leadid) return lsqError(400, "MXMandatoryAttributeMissingException", "'leadId' is mandatory for updating lead");
        const read = readAttributes(body);
        if (isAnswer(read)) return read;
        const lead = changeLead(q.leadid, read.attributes, q.postupdatedlead === "true");
        if (isAnswer(lead)) return lead;
        leadUpdates.push({ leadId: q.leadid, fields: toFields(read.attributes) });
        return { status: 200, body: { Status: "Success", Message: { AffectedRows: 1 } } };
      },
    },
    // Match order ProspectId, then SearchBy (ignored when ProspectId, EmailAddress and Phone are all given), then
    // EmailAddress, then Phone; LeadUpdateBehavior as documented (§1.5.5).
    "/v2/LeadManagement.svc/Lead.Capture": {
      method: "POST",
      handle: (q, body) => {
        const read = readAttributes(body);
        if (isAnswer(read)) return read;
        const a = read.attributes;
        const byId = a.ProspectID ? leads.get(a.ProspectID) : undefined;
        const searchBy = a.SearchBy && !(a.ProspectID && a.EmailAddress && a.Phone) ? a.SearchBy : null;
        const found =
          byId && (!a.EmailAddress || (byId.EmailAddress ?? "").toLowerCase() === a.EmailAddress.toLowerCase())
            ? byId
            : searchBy && a[searchBy]
              ? findBy(searchBy === "Phone" ? "phone" : searchBy, searchBy === "Phone" ? digits(a[searchBy]) : a[searchBy]!)
              : ((a.EmailAddress ? findBy("EmailAddress", a.EmailAddress) : undefined) ??
                (a.Phone ? findBy("phone", digits(a.Phone)) : undefined));
        const { ProspectID: _id, ...values } = a;
        if (!found) {
          const lead = insertLead(values);
          return isAnswer(lead)
            ? lead
            : { status: 200, body: { Status: "Success", Message: { Id: lead.ProspectID, RelatedId: lead.ProspectID, IsCreated: true } } };
        }
        const behaviour = q.leadupdatebehavior;
        const unique = new Set(uniqueFields);
        const kept = Object.fromEntries(
          Object.entries(values).filter(([k]) =>
            behaviour === "DoNotUpdate"
              ? false
              : behaviour === "UpdateOnlyEmptyFields"
                ? !valueOf(found, k)
                : behaviour === "DoNotUpdateUniqueFields"
                  ? !unique.has(k)
                  : k !== "Source",
          ),
        );
        const lead = changeLead(found.ProspectID!, kept, true);
        return isAnswer(lead)
          ? lead
          : { status: 200, body: { Status: "Success", Message: { Id: found.ProspectID, RelatedId: found.ProspectID, IsCreated: false } } };
      },
    },
    "/v2/LeadManagement.svc/Lead/Bulk/Create": {
      method: "POST",
      handle: (_q, body) => {
        if (!Array.isArray(body) || body.length > MAX_BULK_LEADS)
          return lsqError(400, "MXInvalidInputException", `The body must be an array of at most ${MAX_BULK_LEADS} leads`);
        const response = body.map((item) => {
          const read = readAttributes(item);
          const lead = isAnswer(read) ? read : insertLead(read.attributes);
          if (!isAnswer(lead)) return { LeadId: lead.ProspectID, LeadCreated: true };
          const b = lead.body as { ExceptionMessage?: string };
          return { LeadCreated: false, ExceptionMessage: b.ExceptionMessage ?? "Not created" };
        });
        return { status: 200, body: { Response: response } };
      },
    },
    // Update Leads in Bulk v2: up to 25 leads, each found by its ProspectId (no SearchByKey), each failure listed by
    // its identifier. Whether it fires Lead update webhooks is not documented; the fake fires them, the worse case for
    // a two-way sync.
    "/v2/LeadManagement.svc/Lead/Bulk/UpdateV2": {
      method: "POST",
      handle: (_q, body) => {
        const list = isObject(body) && Array.isArray(body.LeadPropertiesList) ? body.LeadPropertiesList : null;
        if (
          !list ||
          list.length > MAX_BULK_UPDATES ||
          (isObject(body) && body.SearchByKey !== undefined && body.SearchByKey !== "ProspectId")
        )
          return lsqError(
            400,
            "MXInvalidInputException",
            `LeadPropertiesList must list at most ${MAX_BULK_UPDATES} leads, found by ProspectId`,
          );
        const failed: { Identifier: string; IdentifierValue: string; Reason: string }[] = [];
        for (const item of list) {
          const fieldList = isObject(item) && Array.isArray(item.Fields) ? item.Fields : [];
          const idField = fieldList.find(
            (f) => isObject(f) && typeof f.Attribute === "string" && f.Attribute.toLowerCase() === "prospectid",
          );
          const id = isObject(idField) ? String(idField.Value ?? "") : "";
          const read = readAttributes(fieldList.filter((f) => f !== idField));
          const lead = isAnswer(read) ? read : leads.has(id) ? changeLead(id, read.attributes, true) : null;
          if (lead && !isAnswer(lead) && !isAnswer(read)) {
            leadUpdates.push({ leadId: id, fields: toFields(read.attributes) });
            continue;
          }
          const reason = lead
            ? ((lead.body as { ExceptionMessage?: string }).ExceptionMessage ?? "Not updated")
            : "Lead does not exist in the system or You do not have permission to update the lead";
          failed.push({ Identifier: "ProspectId", IdentifierValue: id, Reason: reason });
        }
        const status = {
          TotalCount: list.length,
          SuccessCount: list.length - failed.length,
          FailureCount: failed.length,
          Message: failed.length ? "Error" : "Success",
        };
        return { status: 200, body: { Status: status, Details: failed.length ? { FailedLeads: failed } : {} } };
      },
    },
    // Post bulk activities on leads: up to 25 of ProspectActivity.svc/Create's bodies, each posted or refused on its
    // own. How a refused item is answered is not in our stored pages: the fake gives the single post's exception.
    "/v2/ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId": {
      method: "POST",
      handle: (_q, body) => {
        if (!Array.isArray(body) || body.length > MAX_BULK_ACTIVITIES)
          return lsqError(400, "MXInvalidInputException", `The body must be an array of at most ${MAX_BULK_ACTIVITIES} activities`);
        const response = body.map((item) => {
          const posted = postActivity(item);
          if (posted.status === 200) return { ProspectActivityId: (posted.body as { Message: { Id: string } }).Message.Id };
          const { ExceptionType, ExceptionMessage } = posted.body as { ExceptionType: string; ExceptionMessage: string };
          return { ExceptionType, ExceptionMessage };
        });
        return { status: 200, body: { Response: response } };
      },
    },
    "/v2/ProspectActivity.svc/Update": { method: "POST", handle: (_q, body) => updateActivity(body) },
    "/v2/Webhook.svc/Create": { method: "POST", handle: (_q, body) => createWebhook(body) },
    "/v2/Webhook.svc/Retrieve": { method: "POST", handle: (_q, body) => retrieveWebhooks(body) },
    "/v2/Webhook.svc/Update": { method: "POST", handle: (_q, body) => updateWebhook(body) },
    "/v2/ProspectActivity.svc/Create": { method: "POST", handle: (_q, body) => postActivity(body) },
    "/v2/ProspectActivity.svc/ActivityTypes.Get": {
      method: "GET",
      handle: () => ({
        status: 200,
        body: activityTypes.map((code) => ({ ActivityEvent: code, DisplayName: activityTypeNames.get(code) ?? `Activity type ${code}` })),
      }),
    },
    "/v2/ProspectActivity.svc/CreateType": { method: "POST", handle: (_q, body) => createActivityType(body) },
  };

  function updateWebhook(body: unknown): Answer {
    if (!isObject(body) || typeof body.WebhookId !== "string" || !body.WebhookId)
      return lsqError(400, "MXMandatoryAttributeMissingException", "'WebhookId' is mandatory");
    const index = webhooks.findIndex((w) => w.WebhookId === body.WebhookId);
    if (index < 0) return lsqError(400, "MXInvalidInputException", `Webhook ${body.WebhookId} does not exist`);
    const checked = validWebhook(body);
    if ("status" in checked) return checked;
    webhooks[index] = { ...checked, WebhookId: webhooks[index]!.WebhookId, StatusCode: webhooks[index]!.StatusCode };
    return { status: 200, body: { Status: "Success", Message: { Id: body.WebhookId } } };
  }

  // A custom activity type (ProspectActivity.svc/CreateType, as a public client library calls it): the next free code
  // from 201. A repeated name is refused, as LeadSquared's own screen refuses one (our reading; not in the stored pages).
  function createActivityType(body: unknown): Answer {
    if (!isObject(body)) return lsqError(400, "MXInvalidInputException", "The request body is not a JSON object");
    const name = typeof body.ActivityEventName === "string" ? body.ActivityEventName.trim() : "";
    if (!name) return lsqError(400, "MXMandatoryAttributeMissingException", "'ActivityEventName' is mandatory");
    const taken = activityTypes.some(
      (code) => (activityTypeNames.get(code) ?? `Activity type ${code}`).toLowerCase() === name.toLowerCase(),
    );
    if (taken) return lsqError(400, "MXDuplicateEntryException", `An activity type named '${name}' already exists`);
    const code = Math.max(200, ...activityTypes) + 1;
    activityTypes.push(code);
    activityTypeNames.set(code, name);
    return { status: 200, body: { Status: "Success", Message: { Id: String(code) } } };
  }

  function postActivity(body: unknown): Answer {
    if (!isObject(body)) return lsqError(400, "MXInvalidInputException", "The request body is not a JSON object");
    const leadId = String(body.RelatedProspectId ?? "");
    if (!leadId) return lsqError(400, "MXMandatoryAttributeMissingException", "'RelatedProspectId' is mandatory");
    if (!leads.has(leadId)) return lsqError(400, "MXInvalidEntityException", `Lead ${leadId} does not exist`);
    if (!activityTypes.includes(Number(body.ActivityEvent)))
      return lsqError(400, "MXInvalidInputException", `'${String(body.ActivityEvent)}' is not a valid ActivityEvent`);
    if (typeof body.ActivityDateTime !== "string" || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(body.ActivityDateTime))
      return lsqError(400, "MXInvalidInputException", "'ActivityDateTime' must be yyyy-MM-dd HH:mm:ss");
    const fields = Array.isArray(body.Fields) ? body.Fields.filter(isObject) : [];
    const activity: FakeActivity = {
      Id: randomUUID(),
      RelatedProspectId: leadId,
      ActivityEvent: Number(body.ActivityEvent),
      ActivityNote: String(body.ActivityNote ?? ""),
      ActivityDateTime: body.ActivityDateTime,
      Fields: fields.map((f) => ({ SchemaName: String(f.SchemaName), Value: String(f.Value) })),
    };
    activities.push(activity);
    return { status: 200, body: { Status: "Success", Message: { Id: activity.Id } } };
  }

  function updateActivity(body: unknown): Answer {
    if (!isObject(body) || typeof body.ProspectActivityId !== "string")
      return lsqError(400, "MXMandatoryAttributeMissingException", "'ProspectActivityId' is mandatory");
    const activity = activities.find((a) => a.Id === body.ProspectActivityId);
    if (!activity) return lsqError(400, "MXInvalidEntityException", `Activity ${body.ProspectActivityId} does not exist`);
    if (typeof body.ActivityNote === "string") activity.ActivityNote = body.ActivityNote;
    for (const f of Array.isArray(body.Fields) ? body.Fields.filter(isObject) : []) {
      const existing = activity.Fields.find((x) => x.SchemaName === String(f.SchemaName));
      if (existing) existing.Value = String(f.Value);
      else activity.Fields.push({ SchemaName: String(f.SchemaName), Value: String(f.Value) });
    }
    return { status: 200, body: { Status: "Success", Message: { AffectedRows: 1 } } };
  }

  function createWebhook(body: unknown): Answer {
    const checked = validWebhook(body);
    if ("status" in checked) return checked;
    webhooks.push(checked);
    return { status: 200, body: { Status: "Success", Message: { Id: checked.WebhookId } } };
  }

  // The Retrieve response shape is not documented (§1.5.7); this fake answers { RecordCount, List }.
  function retrieveWebhooks(body: unknown): Answer {
    const parameter = isObject(body) && isObject(body.Parameter) ? body.Parameter : {};
    const paging = isObject(body) && isObject(body.Paging) ? body.Paging : {};
    const index = Math.max(1, Number(paging.PageIndex ?? 1));
    const size = Math.max(1, Number(paging.PageSize ?? 25));
    const matching = webhooks.filter(
      (w) =>
        (!parameter.WebhookEvent || w.WebhookEvent === parameter.WebhookEvent) &&
        (typeof parameter.StatusCode !== "number" || w.StatusCode === parameter.StatusCode),
    );
    return { status: 200, body: { RecordCount: matching.length, List: matching.slice((index - 1) * size, index * size) } };
  }

  function authorised(query: Record<string, string>, headers: IncomingMessage["headers"]): boolean {
    const key = query.accesskey ?? headers["x-lsq-accesskey"];
    const secret = query.secretkey ?? headers["x-lsq-secretkey"];
    return key === accessKey && secret === secretKey;
  }

  // Bulk APIs have their own budget: 1 call per 5 s on every plan (§1.4).
  function withinLimit(path: string): boolean {
    const t = now();
    const [map, max] = BULK_PATHS.has(path) ? [acceptedBulk, bulkLimit] : [accepted, limit];
    const recent = (map.get(accessKey) ?? []).filter((at) => at > t - windowMs);
    if (recent.length >= max) return false;
    recent.push(t);
    map.set(accessKey, recent);
    return true;
  }

  function answer(
    query: Record<string, string>,
    method: string,
    path: string,
    headers: IncomingMessage["headers"],
    body: unknown,
  ): Answer | "hang" {
    const index = failures.findIndex((f) => !f.path || f.path === path);
    const failure = index < 0 ? undefined : failures.splice(index, 1)[0]!.mode;
    if (failure === "404") return { status: 404, html: "<html><body>Endpoint not found.</body></html>" };
    if (failure === "hang") return "hang";
    if (failure === "500") return lsqError(500, "MXInternalServerException", "An unexpected error occurred");
    if (failure === "html") return { status: 200, html: "<!doctype html><title>Welcome</title><p>It works.</p>" };
    if (failure === "400") return lsqError(400, "MXInvalidInputException", "The request is not valid");
    if (failure === "401") return lsqError(401, "MXUnAuthorizedAccessException", "Invalid AccessKey or SecretKey");
    if (failure === "429")
      return lsqError(429, "MXAPIRateLimitExceededException", `API calls exceeded the limit of ${limit} in ${windowMs / 1000} second(s)`);
    const route = routes[path];
    if (!route) return { status: 404, html: "<html><body>Endpoint not found.</body></html>" };
    if (route.method !== method) return { status: 405, html: "<html><body>Method not allowed.</body></html>" };
    if (!authorised(query, headers)) return lsqError(401, "MXUnAuthorizedAccessException", "Invalid AccessKey or SecretKey");
    if (!withinLimit(path)) {
      const exceeded = lsqError(
        429,
        "MXAPIRateLimitExceededException",
        `API calls exceeded the limit of ${BULK_PATHS.has(path) ? bulkLimit : limit} in ${windowMs / 1000} second(s)`,
      );
      return rateAnswer === "200" ? { ...exceeded, status: 200 } : exceeded;
    }
    if (method === "POST" && body === undefined) return lsqError(400, "MXInvalidInputException", "The request body is not valid JSON");
    return route.handle(query, body);
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const entry = logEntry(req, url, raw, now());
    requests.push(entry);
    // LeadSquared treats parameter names case-insensitively (§1.2), so the routes read them lower-cased.
    const query = Object.fromEntries([...url.searchParams].map(([k, v]) => [k.toLowerCase(), v]));
    const result = answer(query, entry.method, url.pathname, req.headers, raw ? entry.body : undefined);
    if (result === "hang") return;
    entry.status = result.status;
    if (result.html !== undefined) {
      res.writeHead(result.status, { "content-type": "text/html; charset=utf-8" }).end(result.html);
    } else {
      res.writeHead(result.status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(result.body));
    }
  });

  const life = lifecycle(server, "LeadSquared");

  return {
    get accessKey(): string {
      return accessKey;
    },
    get secretKey(): string {
      return secretKey;
    },
    /** The account's admin regenerates its keys: the old ones are refused from now on. */
    rotateKeys(next: { accessKey?: string; secretKey?: string }): void {
      accessKey = next.accessKey ?? accessKey;
      secretKey = next.secretKey ?? secretKey;
    },
    /** Every request in arrival order, with the status answered (null while hanging). */
    requests,
    leads,
    webhooks,
    /** Activities posted on leads, in arrival order. */
    activities,
    /** Lead.Update calls that changed a lead, in arrival order. */
    leadUpdates,
    /** Lead events the account fired (what its automations and webhooks saw), in order. */
    leadEvents,
    /** Posts to registered webhooks, in the order they were answered. */
    webhookDeliveries,
    /** Resolves once every webhook post started so far has been answered (or failed). */
    async webhooksSettled(): Promise<void> {
      while (pendingDeliveries.size) await Promise.all(pendingDeliveries);
    },
    /** The account's automation on New Lead and Lead Update (a Webhook action), or null to remove it. */
    setAutomation(run: ((event: FakeLeadEvent) => void | Promise<void>) | null): void {
      automation = run;
    },
    get baseUrl(): string {
      return life.baseUrl;
    },
    start: life.start,
    stop: life.stop,
    /** The next `count` requests fail: LeadSquared's error body with 400/401/429/500, a 404 page, no answer at all, or a web page. */
    failNext(count: number, mode: FailureMode, path?: string): void {
      for (let i = 0; i < count; i++) failures.push({ mode, path });
    },
  };
}

export type FakeLeadSquared = ReturnType<typeof createFakeLeadSquared>;
