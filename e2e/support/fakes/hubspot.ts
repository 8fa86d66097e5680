// An in-process HubSpot API (api-facts §2) on 127.0.0.1 for vitest and Playwright: token info, contact properties,
// contact reads and batch read, with Bearer auth, scopes, HubSpot's error bodies and a rolling ten-second limit.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isObject, lifecycle, logEntry, readBody, type FailureMode, type LoggedRequest } from "./http";

export type FakeContact = { id: string; properties: Record<string, string | null>; createdAt: string; updatedAt: string };
export type FakeProperty = {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  options: { label: string; value: string; description: string; displayOrder: number; hidden: boolean }[];
};
export type { FailureMode, LoggedRequest } from "./http";

export type FakeHubSpotOptions = {
  token?: string;
  /** Scopes the private app holds; change later with setScopes(). */
  scopes?: string[];
  /** Answer 401 EXPIRED_AUTHENTICATION instead of serving this token. */
  expired?: boolean;
  hubId?: number;
  /** False: the token-info endpoint does not know the token (as for a token that is not a private app's). */
  tokenInfo?: boolean;
  contacts?: FakeContact[];
  properties?: FakeProperty[];
  /** Default 100 requests per rolling 10 s per token (Free/Starter private apps, §2.8). */
  rateLimit?: { limit?: number; windowMs?: number; retryAfterSeconds?: number };
  now?: () => number;
};

export const FAKE_HUBSPOT_TOKEN = "pat-na1-6f1d2c3b-4a59-4e8d-9b7a-0c1e2d3f4a5b";
export const FAKE_HUBSPOT_SCOPES = [
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.schemas.contacts.read",
  "crm.schemas.contacts.write",
];

const option = (label: string, value: string, displayOrder: number) => ({ label, value, description: "", displayOrder, hidden: false });
const property = (name: string, label: string, type: string, fieldType: string, extra: Partial<FakeProperty> = {}): FakeProperty => ({
  name,
  label,
  type,
  fieldType,
  groupName: "contactinformation",
  description: "",
  displayOrder: -1,
  hasUniqueValue: false,
  hidden: false,
  formField: true,
  options: [],
  ...extra,
});

export const FAKE_HUBSPOT_PROPERTIES: FakeProperty[] = [
  property("firstname", "First Name", "string", "text"),
  property("lastname", "Last Name", "string", "text"),
  property("email", "Email", "string", "text", { hasUniqueValue: false }),
  property("phone", "Phone Number", "string", "phonenumber"),
  property("mobilephone", "Mobile Phone Number", "string", "phonenumber"),
  property("city", "City", "string", "text"),
  property("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", {
    options: [option("Subscriber", "subscriber", 0), option("Lead", "lead", 1), option("Customer", "customer", 2)],
  }),
  property("product_interest", "Product Interest", "enumeration", "select", {
    options: [option("2BHK apartment", "2bhk", 0), option("Villa", "villa", 1)],
  }),
  property("createdate", "Create Date", "datetime", "date", { formField: false }),
  property("lastmodifieddate", "Last Modified Date", "datetime", "date", { formField: false }),
  property("hs_object_id", "Record ID", "number", "number", { formField: false, hidden: true }),
];

export const FAKE_HUBSPOT_CONTACTS: FakeContact[] = [
  {
    id: "90512345678",
    createdAt: "2026-11-22T04:30:00.123Z",
    updatedAt: "2026-11-22T04:31:10.456Z",
    properties: {
      firstname: "Asha",
      lastname: "Verma",
      email: "asha.verma@example.com",
      phone: "+919876543210",
      mobilephone: null,
      city: "Pune",
      lifecyclestage: "lead",
      product_interest: "2bhk",
    },
  },
  {
    id: "90512345679",
    createdAt: "2026-11-22T06:02:11.000Z",
    updatedAt: "2026-11-22T07:15:40.000Z",
    properties: {
      firstname: "Rahul",
      lastname: "Nair",
      email: "rahul.nair@example.com",
      phone: "(990) 111-1111",
      mobilephone: "+919900022222",
      city: "Bengaluru",
      lifecyclestage: "customer",
      product_interest: "villa",
    },
  },
];

const MAX_BATCH_INPUTS = 100;
// Returned with every object whether asked for or not; without `properties`, these plus a few per-type defaults.
const ALWAYS = ["createdate", "hs_object_id", "lastmodifieddate"];
const DEFAULTS = ["email", "firstname", "lastname", ...ALWAYS];

type Answer = { status: number; body?: unknown; html?: string; headers?: Record<string, string> };

export function createFakeHubSpot(options: FakeHubSpotOptions = {}) {
  let token = options.token ?? FAKE_HUBSPOT_TOKEN;
  let scopes = new Set(options.scopes ?? FAKE_HUBSPOT_SCOPES);
  const hubId = options.hubId ?? 48211234;
  const now = options.now ?? Date.now;
  const limit = options.rateLimit?.limit ?? 100;
  const windowMs = options.rateLimit?.windowMs ?? 10_000;
  const contacts = new Map((options.contacts ?? FAKE_HUBSPOT_CONTACTS).map((c) => [c.id, structuredClone(c)]));
  const properties = options.properties ?? FAKE_HUBSPOT_PROPERTIES;
  const requests: LoggedRequest[] = [];
  const failures: FailureMode[] = [];
  /** Call engagements created through POST /crm/v3/objects/calls, with the contact they were associated with. */
  const calls: { id: string; properties: Record<string, string>; contactId: string }[] = [];
  let accepted: number[] = [];

  const error = (status: number, category: string, message: string, extra: Record<string, unknown> = {}): Answer => ({
    status,
    body: { status: "error", message, correlationId: randomUUID(), category, ...extra },
  });

  function present(contact: FakeContact, asked: string[] | null): Record<string, unknown> {
    const names = asked ? [...new Set([...asked, ...ALWAYS])] : DEFAULTS;
    const known = new Set(properties.map((p) => p.name));
    const values: Record<string, string | null> = {
      ...contact.properties,
      hs_object_id: contact.id,
      createdate: contact.createdAt,
      lastmodifieddate: contact.updatedAt,
    };
    // Unknown property names are ignored; known ones without a value come back as null.
    const shown = Object.fromEntries(names.filter((n) => known.has(n)).map((n) => [n, values[n] ?? null]));
    return { id: contact.id, properties: shown, createdAt: contact.createdAt, updatedAt: contact.updatedAt, archived: false };
  }

  function missingScope(scope: string): Answer | null {
    if (scopes.has(scope)) return null;
    return error(403, "MISSING_SCOPES", "This app has not been granted all the scopes this call requires.", {
      errors: [{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes: [scope] } }],
    });
  }

  function batchRead(body: unknown): Answer {
    if (!isObject(body) || !Array.isArray(body.inputs)) return error(400, "VALIDATION_ERROR", "Invalid input JSON: 'inputs' is required.");
    if (body.inputs.length > MAX_BATCH_INPUTS) {
      return error(400, "VALIDATION_ERROR", `Batch input size ${body.inputs.length} exceeds the limit of ${MAX_BATCH_INPUTS}.`);
    }
    const asked = Array.isArray(body.properties) ? body.properties.map(String) : [];
    const ids = body.inputs.map((i) => (isObject(i) ? String(i.id ?? "") : ""));
    const found = ids.flatMap((id) => (contacts.has(id) ? [present(contacts.get(id)!, asked.length ? asked : null)] : []));
    const missing = [...new Set(ids.filter((id) => !contacts.has(id)))];
    const at = new Date(now()).toISOString();
    const result: Record<string, unknown> = { status: "COMPLETE", results: found, startedAt: at, completedAt: at };
    if (!missing.length) return { status: 200, body: result };
    const notFound = {
      status: "error",
      category: "OBJECT_NOT_FOUND",
      message: "Could not get some CONTACT objects, they may be deleted or not exist.",
      context: { ids: missing },
    };
    return { status: 207, body: { ...result, numErrors: 1, errors: [notFound] } };
  }

  // §2.9: hs_timestamp is required, the association must be call→contact (194) to a contact that exists.
  function createCall(body: unknown): Answer {
    const props = isObject(body) && isObject(body.properties) ? body.properties : null;
    if (!props || !props.hs_timestamp) return error(400, "VALIDATION_ERROR", "Property values were not valid: hs_timestamp is required.");
    const links = isObject(body) && Array.isArray(body.associations) ? body.associations.filter(isObject) : [];
    const link = links[0];
    const to = link && isObject(link.to) ? String(link.to.id ?? "") : "";
    const types = link && Array.isArray(link.types) ? link.types.filter(isObject) : [];
    if (!types.some((t) => t.associationCategory === "HUBSPOT_DEFINED" && t.associationTypeId === 194)) {
      return error(400, "VALIDATION_ERROR", "Invalid association type: a call is associated with a contact by type 194.");
    }
    if (!contacts.has(to)) return error(400, "VALIDATION_ERROR", `Could not associate: contact ${to} does not exist.`);
    const at = new Date(now()).toISOString();
    const properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, String(v)]));
    const created = { id: String(52000000000 + calls.length + 1), properties, contactId: to };
    calls.push(created);
    return {
      status: 201,
      body: { id: created.id, properties: { ...properties, hs_object_id: created.id }, createdAt: at, updatedAt: at, archived: false },
    };
  }

  function updateContact(id: string, body: unknown): Answer {
    const contact = contacts.get(id);
    if (!contact) return error(404, "OBJECT_NOT_FOUND", `Object not found. objectId are usually numeric.`);
    const props = isObject(body) && isObject(body.properties) ? body.properties : null;
    if (!props) return error(400, "VALIDATION_ERROR", "Invalid input JSON: properties is required.");
    const unknown = Object.keys(props).filter((k) => !properties.some((p) => p.name === k));
    if (unknown.length) return error(400, "VALIDATION_ERROR", `Property values were not valid: ${unknown.join(", ")} does not exist.`);
    for (const [k, v] of Object.entries(props)) contact.properties[k] = v === null ? null : String(v);
    contact.updatedAt = new Date(now()).toISOString();
    return { status: 200, body: present(contact, null) };
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown): Answer {
    if (method === "POST" && path === "/oauth/v2/private-apps/get/access-token-info" && options.tokenInfo !== false) {
      if (!isObject(body) || body.tokenKey !== token) return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
      return { status: 200, body: { userId: 7712, hubId, appId: 4021977, scopes: [...scopes] } };
    }
    if (method === "GET" && path === "/crm/v3/properties/contacts") {
      return missingScope("crm.schemas.contacts.read") ?? { status: 200, body: { results: properties } };
    }
    if (method === "GET" && path === "/crm/v3/objects/contacts") {
      const denied = missingScope("crm.objects.contacts.read");
      if (denied) return denied;
      const pageSize = Math.min(100, Math.max(1, Number(query.limit ?? 10) || 10));
      const asked = query.properties ? query.properties.split(",") : null;
      const all = [...contacts.values()];
      const start = Number(query.after ?? 0) || 0;
      const page = all.slice(start, start + pageSize).map((c) => present(c, asked));
      const next = start + pageSize < all.length ? { paging: { next: { after: String(start + pageSize) } } } : {};
      return { status: 200, body: { results: page, ...next } };
    }
    if (method === "POST" && path === "/crm/v3/objects/contacts/batch/read") {
      return missingScope("crm.objects.contacts.read") ?? batchRead(body);
    }
    if (method === "POST" && path === "/crm/v3/objects/calls") return missingScope("crm.objects.contacts.write") ?? createCall(body);
    const update = method === "PATCH" ? /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(path) : null;
    if (update) return missingScope("crm.objects.contacts.write") ?? updateContact(decodeURIComponent(update[1]!), body);
    return error(404, "OBJECT_NOT_FOUND", `No route for ${method} ${path}.`);
  }

  function answer(req: IncomingMessage, path: string, query: Record<string, string>, body: unknown): Answer | "hang" {
    const failure = failures.shift();
    if (failure === "hang") return "hang";
    if (failure === "500") return error(500, "INTERNAL_ERROR", "Internal error.");
    if (failure === "html") return { status: 200, html: "<!doctype html><title>Welcome</title><p>It works.</p>" };
    if (failure === "404") return error(404, "OBJECT_NOT_FOUND", "Resource not found.");
    if (failure === "400") return error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1.");
    if (failure === "401") return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.");
    if (failure === "429") {
      const limited = error(429, "RATE_LIMIT", "You have reached your ten_secondly_rolling limit.");
      return { ...limited, body: { ...(limited.body as object), errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" } };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    // The token-info endpoint takes the token in its body; other routes need the header.
    const isTokenInfo = path === "/oauth/v2/private-apps/get/access-token-info";
    if (!isTokenInfo && bearer !== token) {
      return {
        ...error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found."),
        headers: { "x-hubspot-auth-failure": "401 Unauthorized" },
      };
    }
    if (options.expired) {
      return error(401, "EXPIRED_AUTHENTICATION", "The OAuth token used to make this call expired 0 second(s) ago.", {
        context: { "expire time": [new Date(now()).toISOString()] },
      });
    }
    const t = now();
    accepted = accepted.filter((at) => at > t - windowMs);
    const limits = (remaining: number) => ({
      "x-hubspot-ratelimit-max": String(limit),
      "x-hubspot-ratelimit-remaining": String(remaining),
      "x-hubspot-ratelimit-interval-milliseconds": String(windowMs),
      "x-hubspot-ratelimit-daily": "250000",
      "x-hubspot-ratelimit-daily-remaining": String(250000 - requests.length),
    });
    if (accepted.length >= limit) {
      const retry = options.rateLimit?.retryAfterSeconds;
      return {
        status: 429,
        headers: { ...limits(0), ...(retry === undefined ? {} : { "retry-after": String(retry) }) },
        body: {
          status: "error",
          message: "You have reached your ten_secondly_rolling limit.",
          errorType: "RATE_LIMIT",
          correlationId: randomUUID(),
          policyName: "TEN_SECONDLY_ROLLING",
          requestId: randomUUID(),
        },
      };
    }
    accepted.push(t);
    const result = route(req.method ?? "GET", path, query, body);
    return { ...result, headers: { ...limits(limit - accepted.length), ...result.headers } };
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const entry = logEntry(req, url, raw, now());
    requests.push(entry);
    const result = answer(req, url.pathname, entry.query, entry.body);
    if (result === "hang") return;
    entry.status = result.status;
    const type = result.html === undefined ? "application/json;charset=utf-8" : "text/html; charset=utf-8";
    res.writeHead(result.status, { "content-type": type, ...result.headers });
    res.end(result.html ?? JSON.stringify(result.body));
  });

  const life = lifecycle(server, "HubSpot");

  return {
    get token(): string {
      return token;
    },
    hubId,
    /** The private app's token is rotated in HubSpot: the old one is refused from now on. */
    rotateToken(next: string): void {
      token = next;
    },
    /** Every request in arrival order, with the status answered (null while hanging). */
    requests,
    contacts,
    calls,
    get baseUrl(): string {
      return life.baseUrl;
    },
    setScopes(next: string[]): void {
      scopes = new Set(next);
    },
    start: life.start,
    stop: life.stop,
    /** The next `count` requests fail: HubSpot's error body with 400/401/429/500, no answer at all, or a web page. */
    failNext(count: number, mode: FailureMode): void {
      for (let i = 0; i < count; i++) failures.push(mode);
    },
  };
}

export type FakeHubSpot = ReturnType<typeof createFakeHubSpot>;
