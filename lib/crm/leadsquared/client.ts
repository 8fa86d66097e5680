import "server-only";
import type { RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import type { WebhookBody } from "@/lib/crm/leadsquared/webhook-definition";
import { CrmError, fetchJson, isRecord, retryAfterMs, type JsonResponse } from "@/lib/http/fetch-json";
import { activityCalls } from "./activities";
import { RATE_LIMIT_EXCEPTION, text } from "./values";

export { CrmError, type CrmErrorKind } from "@/lib/http/fetch-json";
export { BULK_MAX_ACTIVITIES, type ActivityType, type BulkActivityResult, type NewActivity } from "./activities";

export type LeadSquaredConfig = {
  /** An origin accepted by checkLeadSquaredHost, e.g. "https://api-in21.leadsquared.com". */
  baseUrl: string;
  accessKey: string;
  secretKey: string;
  timeoutMs?: number;
  /** This account's limiter; without one, calls are not paced here (LeadSquared's 429 still maps to rate_limited). */
  limiter?: RateLimiter;
};

export type LeadSquaredAccount = {
  userId: string;
  userName: string;
  role: string | null;
  orgId: string;
  orgName: string | null;
  orgShortCode: string | null;
  timeZone: string | null;
  defaultCountryCode: string | null;
  /** The account's own API host as LeadSquared reports it, e.g. "https://api-in21.leadsquared.com". */
  apiHost: string | null;
};

export type LeadField = { schemaName: string; displayName: string; dataType: string };
/** A lead field with what a write must respect: dropdown options and maximum length. */
export type LeadFieldDetail = LeadField & { options?: string[]; maxLength?: number };
/** A lead write's body: LeadSquared's attribute list (§1.5.5). */
export type LeadAttribute = { Attribute: string; Value: string };

/** A lead as LeadSquared returns it: flat SchemaName → value, values are strings or null. */
export type LeadSquaredLead = Record<string, string | null>;

export const MAX_CUSTOM_HEADERS = 10;

export type LeadSquaredWebhook = { id: string; url: string; event: string | null; statusCode: number | null; description: string | null };

const WEBHOOK_PAGE_SIZE = 25;
const MAX_WEBHOOK_PAGES = 20;

export function createLeadSquaredClient(config: LeadSquaredConfig) {
  const { accessKey, secretKey, timeoutMs = 10_000, limiter } = config;
  const origin = new URL(config.baseUrl).origin;
  const host = new URL(origin).host;
  const scrub = (text: string) => (secretKey ? text.split(secretKey).join("[secret key]") : text);

  async function call(method: "GET" | "POST", path: string, query: Record<string, string> = {}, body?: unknown) {
    const url = new URL(path, origin);
    // Query-string credentials, as every LeadSquared example does (api-facts §1.2).
    url.search = new URLSearchParams({ accessKey, secretKey, ...query }).toString();
    const answered = await limiter?.acquire();
    try {
      const res = await fetchJson(url, { method, body, timeoutMs, service: "LeadSquared" });
      throwIfFailed(res, host, scrub);
      return res.json;
    } finally {
      if (typeof answered === "function") await answered();
    }
  }

  return {
    ...activityCalls(call, () => notLeadSquared(host)),

    /** Proves the keys and reports whose they are (GET Authentication.svc/UserByAccessKey.Get, §1.5.1). */
    async checkCredentials(): Promise<LeadSquaredAccount> {
      const data = await call("GET", "/v2/Authentication.svc/UserByAccessKey.Get");
      if (!isRecord(data) || !text(data.Id) || !text(data.OrgId)) throw notLeadSquared(host);
      const urls = isRecord(data.LSQCommonServiceURLs) ? data.LSQCommonServiceURLs : {};
      const api = text(urls.api);
      return {
        userId: text(data.Id)!,
        userName: text(data.Name) ?? "",
        role: text(data.Role),
        orgId: text(data.OrgId)!,
        orgName: text(data.OrgDisplayName),
        orgShortCode: text(data.OrgShortCode),
        timeZone: text(data.TimeZone),
        defaultCountryCode: text(data.DefaultCountryCode),
        apiHost: api ? `https://${api.replace(/^https?:\/\//i, "").replace(/\/+$/, "")}` : null,
      };
    },

    /** Lead fields for the Variable Source dropdown, without dropdown options (LeadsMetaData.Get, §1.5.2). */
    async leadFields(): Promise<LeadField[]> {
      const data = await call("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get", { excludeOptionSets: "1" });
      if (!Array.isArray(data)) throw notLeadSquared(host);
      return data.flatMap((f) => {
        const schemaName = isRecord(f) ? text(f.SchemaName) : null;
        if (!isRecord(f) || !schemaName) return [];
        return [{ schemaName, displayName: text(f.DisplayName) ?? schemaName, dataType: text(f.DataType) ?? "Text" }];
      });
    },

    /** Every lead field with its dropdown options and maximum length (LeadsMetaData.Get, §1.5.2), for writes. */
    async leadFieldDetails(): Promise<LeadFieldDetail[]> {
      const data = await call("GET", "/v2/LeadManagement.svc/LeadsMetaData.Get");
      if (!Array.isArray(data)) throw notLeadSquared(host);
      return data.flatMap((f) => {
        const schemaName = isRecord(f) ? text(f.SchemaName) : null;
        if (!isRecord(f) || !schemaName) return [];
        const options = Array.isArray(f.Options) ? f.Options.flatMap((o) => (isRecord(o) && text(o.Value) ? [text(o.Value)!] : [])) : [];
        const maxLength = Number(text(f.MaxLength) ?? Number.NaN);
        return [
          {
            schemaName,
            displayName: text(f.DisplayName) ?? schemaName,
            dataType: text(f.DataType) ?? "Text",
            ...(options.length ? { options } : {}),
            ...(Number.isInteger(maxLength) && maxLength > 0 ? { maxLength } : {}),
          },
        ];
      });
    },

    /**
     * The lead whose `field` equals `value`, or null: email and phone have their own look-ups (Leads.GetByEmailaddress,
     * RetrieveLeadByPhoneNumber, which matches Phone and Mobile and wants digits only); any other unique field goes
     * through the Leads.Get search with `=` (§1.5.3–1.5.4). Each is one call.
     */
    async findLead(field: string, value: string): Promise<{ lead: LeadSquaredLead | null; url: string }> {
      const lower = field.toLowerCase();
      const [method, path, query, body]: ["GET" | "POST", string, Record<string, string>, unknown] =
        lower === "emailaddress"
          ? ["GET", "/v2/LeadManagement.svc/Leads.GetByEmailaddress", { emailaddress: value }, undefined]
          : lower === "phone" || lower === "mobile"
            ? ["GET", "/v2/LeadManagement.svc/RetrieveLeadByPhoneNumber", { phone: value.replace(/\D/g, "") }, undefined]
            : [
                "POST",
                "/v2/LeadManagement.svc/Leads.Get",
                {},
                { Parameter: { LookupName: field, LookupValue: value, SqlOperator: "=" }, Paging: { PageIndex: 1, PageSize: 1 } },
              ];
      const data = await call(method, path, query, body);
      if (!Array.isArray(data)) throw notLeadSquared(host);
      const lead = data[0];
      if (lead !== undefined && !isRecord(lead)) throw notLeadSquared(host);
      return { lead: lead ? flatLead(lead) : null, url: origin + describeUrl(path, query) };
    },

    /** Lead.Create (§1.5.5); returns the new lead's id. LeadSquared fires its Lead create webhooks for it. */
    async createLead(attributes: LeadAttribute[]): Promise<{ id: string; url: string }> {
      const path = "/v2/LeadManagement.svc/Lead.Create";
      const data = await call("POST", path, {}, attributes);
      const id = isRecord(data) && isRecord(data.Message) ? (text(data.Message.Id) ?? text(data.Message.RelatedId)) : null;
      if (!id) throw notLeadSquared(host);
      return { id, url: origin + describeUrl(path) };
    },

    /**
     * Lead.Update (§1.5.5). `postUpdatedLead` is left out, so LeadSquared fires no Lead update webhook or automation
     * for this write: the documented way to keep a two-way sync from echoing.
     */
    async updateLead(leadId: string, attributes: LeadAttribute[]): Promise<{ url: string }> {
      const path = "/v2/LeadManagement.svc/Lead.Update";
      await call("POST", path, { leadId }, attributes);
      return { url: origin + describeUrl(path, { leadId }) };
    },

    /** Bulk create (one bulk-budget call for up to 50 leads, §1.4–1.5.5); ids in the order sent, or each lead's error. */
    async createLeadsBulk(leads: LeadAttribute[][]): Promise<{ results: ({ id: string } | { error: string })[]; url: string }> {
      const path = "/v2/LeadManagement.svc/Lead/Bulk/Create";
      const data = await call("POST", path, {}, leads);
      const list = isRecord(data) && Array.isArray(data.Response) ? data.Response : null;
      if (!list || list.length !== leads.length) throw notLeadSquared(host);
      return {
        results: list.map((r) =>
          isRecord(r) && text(r.LeadId)
            ? { id: text(r.LeadId)! }
            : { error: (isRecord(r) && text(r.ExceptionMessage)) || "LeadSquared did not create this lead" },
        ),
        url: origin + describeUrl(path),
      };
    },

    /**
     * Bulk update (Lead/Bulk/UpdateV2: one bulk-budget call for up to 25 leads, each found by its ProspectId); each
     * lead's outcome in the order sent: its id, or the reason LeadSquared listed it under FailedLeads or UnProcessedLeads.
     */
    async updateLeadsBulk(
      updates: { leadId: string; attributes: LeadAttribute[] }[],
    ): Promise<{ results: ({ id: string } | { error: string })[]; url: string }> {
      const path = "/v2/LeadManagement.svc/Lead/Bulk/UpdateV2";
      const body = {
        LeadPropertiesList: updates.map((u) => ({ Fields: [{ Attribute: "ProspectId", Value: u.leadId }, ...u.attributes] })),
      };
      const data = await call("POST", path, {}, body);
      const status = isRecord(data) && isRecord(data.Status) ? data.Status : null;
      if (!status || typeof status.TotalCount !== "number") throw notLeadSquared(host);
      const details = isRecord(data) && isRecord(data.Details) ? data.Details : {};
      const listed = [details.FailedLeads, details.UnProcessedLeads].flatMap((l) => (Array.isArray(l) ? l.filter(isRecord) : []));
      const reasons = new Map(listed.map((f) => [text(f.IdentifierValue) ?? "", text(f.Reason) ?? "LeadSquared did not update this lead"]));
      return {
        results: updates.map((u) => (reasons.has(u.leadId) ? { error: reasons.get(u.leadId)! } : { id: u.leadId })),
        url: origin + describeUrl(path),
      };
    },

    /** One lead by ProspectID, or null when there is none (Leads.GetById answers an array, `[]` if missing; §1.5.3). */
    async getLead(id: string): Promise<LeadSquaredLead | null> {
      if (!id.trim()) return null;
      const data = await call("GET", "/v2/LeadManagement.svc/Leads.GetById", { id });
      if (!Array.isArray(data)) throw notLeadSquared(host);
      const lead = data[0];
      if (lead === undefined) return null;
      if (!isRecord(lead)) throw notLeadSquared(host);
      return flatLead(lead);
    },

    /** Registers a webhook in the account (POST Webhook.svc/Create, §1.5.7); returns its id. */
    async createWebhook(body: WebhookBody): Promise<{ id: string }> {
      checkHeaderCount(body);
      const data = await call("POST", "/v2/Webhook.svc/Create", {}, body);
      const id = isRecord(data) && isRecord(data.Message) ? text(data.Message.Id) : null;
      if (!id) throw notLeadSquared(host);
      return { id };
    },

    /** Replaces a webhook's settings (POST Webhook.svc/Update: the Create body plus WebhookId, §1.5.7). */
    async updateWebhook(id: string, body: WebhookBody): Promise<void> {
      checkHeaderCount(body);
      await call("POST", "/v2/Webhook.svc/Update", {}, { WebhookId: id, ...body });
    },

    /**
     * The account's webhooks (POST Webhook.svc/Retrieve, §1.5.7), filtered as the documented example does: event
     * name (e.g. "Lead_Post_Create", empty for all) and StatusCode (0 by default). The response shape is not
     * documented, so a bare array or an object holding it as `List` or `Webhooks` is read, 25 per page.
     */
    async listWebhooks(filter: { event?: string; statusCode?: number } = {}): Promise<LeadSquaredWebhook[]> {
      const all: LeadSquaredWebhook[] = [];
      for (let page = 1; page <= MAX_WEBHOOK_PAGES; page++) {
        const data = await call(
          "POST",
          "/v2/Webhook.svc/Retrieve",
          {},
          {
            Parameter: {
              Type: "Webhook",
              WebhookEvent: filter.event ?? "",
              StatusCode: filter.statusCode ?? 0,
              WebhookId: "",
              SearchText: "",
            },
            Sorting: { ColumnName: "ModifiedOn", Direction: "1" },
            Paging: { PageIndex: page, PageSize: WEBHOOK_PAGE_SIZE },
          },
        );
        const items = Array.isArray(data) ? data : isRecord(data) ? (data.List ?? data.Webhooks) : undefined;
        if (!Array.isArray(items)) throw notLeadSquared(host);
        all.push(...items.flatMap(readWebhook));
        if (items.length < WEBHOOK_PAGE_SIZE) break;
      }
      return all;
    },
  };
}

export type LeadSquaredClient = ReturnType<typeof createLeadSquaredClient>;

/** Maps LeadSquared's status codes and `{Status:"Error",ExceptionType,ExceptionMessage}` bodies (§1.4) to CrmError. */
function throwIfFailed(res: JsonResponse, host: string, scrub: (s: string) => string): void {
  const body = isRecord(res.json) ? res.json : {};
  const type = text(body.ExceptionType) ?? undefined;
  const said = text(body.ExceptionMessage);
  const quote = said ? ` LeadSquared said: “${scrub(said)}”` : "";
  // The limit can arrive as 429 or as 200 with this exception type (§1.4), and no Retry-After is documented.
  if (res.status === 429 || type === RATE_LIMIT_EXCEPTION) {
    throw new CrmError("rate_limited", `LeadSquared's API limit for this account was reached; Leadline will try again shortly.${quote}`, {
      status: res.status,
      retryAfterMs: retryAfterMs(res.headers) ?? 5_000,
      vendorCode: RATE_LIMIT_EXCEPTION,
    });
  }
  if (res.status === 401) {
    throw new CrmError(
      "unauthorized",
      "LeadSquared did not accept this Access Key and Secret Key. Copy both again from Settings → API & Webhooks; keys stop working when their user is deactivated.",
      { status: 401, vendorCode: type },
    );
  }
  if (res.status === 404) {
    throw new CrmError("bad_response", `${host} has no such LeadSquared API (HTTP 404). Check the Host URL.`, { status: 404 });
  }
  if (res.status >= 300 && res.status < 400) throw notLeadSquared(host, res.status);
  if (res.status >= 500) {
    throw new CrmError("bad_response", `LeadSquared had a problem answering (HTTP ${res.status}); try again in a minute.${quote}`, {
      status: res.status,
      vendorCode: type,
    });
  }
  if (res.status >= 400 || text(body.Status) === "Error") {
    throw new CrmError("rejected", `LeadSquared refused the request (HTTP ${res.status}).${quote}`, {
      status: res.status,
      vendorCode: type,
    });
  }
  if (res.json === undefined) throw notLeadSquared(host, res.status);
}

function flatLead(lead: Record<string, unknown>): LeadSquaredLead {
  return Object.fromEntries(Object.entries(lead).map(([k, v]) => [k, v === null || v === undefined ? null : stringOf(v)]));
}

/** The URL a log may show: path and the non-secret parameters; the keys never appear. */
function describeUrl(path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

function readWebhook(w: unknown): LeadSquaredWebhook[] {
  const id = isRecord(w) ? (text(w.WebhookId) ?? text(w.Id)) : null;
  if (!isRecord(w) || !id) return [];
  const status = Number(text(w.StatusCode) ?? Number.NaN);
  return [
    {
      id,
      url: text(w.URL) ?? "",
      event: text(w.WebhookEvent) ?? text(w.EventName),
      statusCode: Number.isInteger(status) ? status : null,
      description: text(w.Description),
    },
  ];
}

function checkHeaderCount(body: WebhookBody): void {
  if (body.CustomHeaders.length > MAX_CUSTOM_HEADERS) {
    throw new CrmError("rejected", `LeadSquared allows at most ${MAX_CUSTOM_HEADERS} custom headers on a webhook.`);
  }
}

function notLeadSquared(host: string, status?: number): CrmError {
  return new CrmError(
    "bad_response",
    `${host} answered, but not like the LeadSquared API. Use your LeadSquared API host, e.g. https://api-in21.leadsquared.com — find it under Settings → API & Webhooks.`,
    { status },
  );
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}
