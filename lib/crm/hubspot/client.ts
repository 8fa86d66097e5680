import "server-only";
import { CrmError, fetchJson, isRecord, retryAfterMs, type JsonResponse } from "@/lib/http/fetch-json";
import { HUBSPOT_TOKEN_LOCATION } from "@/lib/integrations/schema";

export { CrmError, type CrmErrorKind } from "@/lib/http/fetch-json";

export type HubSpotConfig = { baseUrl?: string; token: string; timeoutMs?: number };

/** What Leadline reads: contacts, and the contact property list for the Variable Source dropdown (api-facts §2.1). */
export const HUBSPOT_REQUIRED_SCOPES = ["crm.objects.contacts.read", "crm.schemas.contacts.read"] as const;
export type HubSpotScope = (typeof HUBSPOT_REQUIRED_SCOPES)[number];
/** What writing call outcomes back needs on top (call engagements, contact updates; api-facts §2.1). */
export const HUBSPOT_WRITE_SCOPE = "crm.objects.contacts.write";

export type HubSpotTokenCheck = {
  hubId: number | null;
  granted: HubSpotScope[];
  missing: HubSpotScope[];
  /** Every scope the token holds, when HubSpot said; null when they were inferred by probing. */
  scopes: string[] | null;
  source: "token-info" | "probe";
};

/** HubSpot's default call dispositions (the same GUIDs in every account; api-facts §2.7). */
export const HUBSPOT_CALL_DISPOSITIONS = {
  busy: "9d9162e7-6cf3-4944-bf63-4dff82258764",
  connected: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
  leftLiveMessage: "a4c4c377-d246-4b32-a13b-75a56a4cd0ff",
  leftVoicemail: "b2cf5968-551e-4856-9783-52b3da59a7d0",
  noAnswer: "73a0d17f-1163-4015-bdd5-ec830791da20",
  wrongNumber: "17b47fee-58de-441e-a44c-c6300d46f273",
} as const;
// HUBSPOT_DEFINED association type of a call to a contact (api-facts §2.7).
const CALL_TO_CONTACT = 194;

/** A finished call attempt as a HubSpot call engagement on the contact (POST /crm/v3/objects/calls, §2.7). */
export type NewCallEngagement = {
  contactId: string;
  at: Date;
  title: string;
  body: string;
  durationMs: number;
  disposition?: string;
  status?: string;
  toNumber?: string;
  recordingUrl?: string;
};

export type ContactProperty = { name: string; label: string; type: string; fieldType: string; groupName: string; hidden: boolean };
export type HubSpotContact = { id: string; properties: Record<string, string | null>; createdAt: string | null; updatedAt: string | null };

/** Inputs per batch read; third-party schemas and guides say 100, no HubSpot page does (api-facts §2.5). */
export const BATCH_READ_SIZE = 100;

const FIX_TOKEN = `Copy it again in HubSpot: ${HUBSPOT_TOKEN_LOCATION}.`;

export function createHubSpotClient(config: HubSpotConfig) {
  const { token, timeoutMs = 10_000 } = config;
  const origin = new URL(config.baseUrl ?? "https://api.hubapi.com").origin;
  const scrub = (s: string) => (token ? s.split(token).join("[token]") : s);

  async function call(method: "GET" | "POST" | "PATCH", path: string, body?: unknown) {
    const res = await fetchJson(new URL(path, origin), {
      method,
      body,
      timeoutMs,
      service: "HubSpot",
      headers: { authorization: `Bearer ${token}` },
    });
    throwIfFailed(res, scrub);
    return res.json;
  }

  /** 2xx → true, 403 (missing scope) → false; anything else throws. */
  async function probe(path: string): Promise<boolean> {
    try {
      await call("GET", path);
      return true;
    } catch (err) {
      if (err instanceof CrmError && err.kind === "rejected" && err.status === 403) return false;
      throw err;
    }
  }

  return {
    /**
     * Which required scopes the token holds. Asks HubSpot's private-app token-info endpoint (named in HubSpot's
     * private-apps guide, not in api-facts); where that endpoint refuses the token (e.g. an OAuth token), probes
     * one read per scope instead, reading 403 as "missing".
     */
    async checkToken(): Promise<HubSpotTokenCheck> {
      try {
        const info = await call("POST", "/oauth/v2/private-apps/get/access-token-info", { tokenKey: token });
        if (isRecord(info) && Array.isArray(info.scopes)) {
          const scopes = info.scopes.filter((s): s is string => typeof s === "string");
          const hubId = typeof info.hubId === "number" ? info.hubId : null;
          const has = (s: HubSpotScope) => scopes.includes(s);
          return {
            hubId,
            granted: HUBSPOT_REQUIRED_SCOPES.filter(has),
            missing: HUBSPOT_REQUIRED_SCOPES.filter((s) => !has(s)),
            scopes,
            source: "token-info",
          };
        }
      } catch (err) {
        if (!(err instanceof CrmError) || (err.kind !== "rejected" && err.kind !== "not_found")) throw err;
      }
      const ok = {
        "crm.objects.contacts.read": await probe("/crm/v3/objects/contacts?limit=1"),
        "crm.schemas.contacts.read": await probe("/crm/v3/properties/contacts"),
      };
      return {
        hubId: null,
        granted: HUBSPOT_REQUIRED_SCOPES.filter((s) => ok[s]),
        missing: HUBSPOT_REQUIRED_SCOPES.filter((s) => !ok[s]),
        scopes: null,
        source: "probe",
      };
    },

    /** Contact properties for the Variable Source dropdown (GET /crm/v3/properties/contacts, §2.6). */
    async contactProperties(): Promise<ContactProperty[]> {
      const data = await call("GET", "/crm/v3/properties/contacts");
      if (!isRecord(data) || !Array.isArray(data.results)) throw notHubSpot();
      return data.results.flatMap((p) => {
        if (!isRecord(p) || typeof p.name !== "string") return [];
        return [
          {
            name: p.name,
            label: str(p.label) ?? p.name,
            type: str(p.type) ?? "string",
            fieldType: str(p.fieldType) ?? "text",
            groupName: str(p.groupName) ?? "",
            hidden: p.hidden === true,
          },
        ];
      });
    },

    /** Ids of the account's first contacts (GET /crm/v3/objects/contacts), e.g. to send a realistic test event. */
    async contactIds(limit = 1): Promise<string[]> {
      const data = await call("GET", `/crm/v3/objects/contacts?limit=${limit}`);
      if (!isRecord(data) || !Array.isArray(data.results)) throw notHubSpot();
      return data.results.flatMap(readContact).map((c) => c.id);
    },

    /**
     * Contacts by id with the named properties (POST /crm/v3/objects/contacts/batch/read, §2.5), BATCH_READ_SIZE ids
     * per request. Contacts come back in the order asked, duplicates once; ids HubSpot did not return are `missing`.
     */
    async batchReadContacts(
      ids: readonly string[],
      properties: readonly string[],
    ): Promise<{ contacts: HubSpotContact[]; missing: string[] }> {
      const wanted = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
      const found = new Map<string, HubSpotContact>();
      for (let i = 0; i < wanted.length; i += BATCH_READ_SIZE) {
        const chunk = wanted.slice(i, i + BATCH_READ_SIZE);
        const data = await call("POST", "/crm/v3/objects/contacts/batch/read", { properties, inputs: chunk.map((id) => ({ id })) });
        if (!isRecord(data) || !Array.isArray(data.results)) throw notHubSpot();
        for (const contact of data.results.flatMap(readContact)) found.set(contact.id, contact);
      }
      return {
        contacts: wanted.flatMap((id) => found.get(id) ?? []),
        missing: wanted.filter((id) => !found.has(id)),
      };
    },

    /** Logs an outbound call on the contact, associated in the same request; returns the engagement's id. */
    async createCallEngagement(input: NewCallEngagement): Promise<{ id: string }> {
      const optional = {
        hs_call_disposition: input.disposition,
        hs_call_status: input.status,
        hs_call_to_number: input.toNumber,
        hs_call_recording_url: input.recordingUrl,
      };
      const data = await call("POST", "/crm/v3/objects/calls", {
        properties: {
          hs_timestamp: input.at.toISOString(),
          hs_call_title: input.title,
          hs_call_body: input.body,
          hs_call_direction: "OUTBOUND",
          // HubSpot wants the duration in milliseconds, as a string.
          hs_call_duration: String(Math.max(0, Math.round(input.durationMs))),
          ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
        },
        associations: [
          { to: { id: input.contactId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: CALL_TO_CONTACT }] },
        ],
      });
      if (!isRecord(data) || (typeof data.id !== "string" && typeof data.id !== "number")) throw notHubSpot();
      return { id: String(data.id) };
    },

    /** Sets contact properties (PATCH /crm/v3/objects/contacts/{id}); needs crm.objects.contacts.write. */
    async updateContact(contactId: string, properties: Record<string, string>): Promise<void> {
      await call("PATCH", `/crm/v3/objects/contacts/${encodeURIComponent(contactId)}`, { properties });
    },
  };
}

export type HubSpotClient = ReturnType<typeof createHubSpotClient>;

function readContact(c: unknown): HubSpotContact[] {
  if (!isRecord(c) || (typeof c.id !== "string" && typeof c.id !== "number")) return [];
  const props = isRecord(c.properties) ? c.properties : {};
  const properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]));
  return [{ id: String(c.id), properties, createdAt: str(c.createdAt), updatedAt: str(c.updatedAt) }];
}

/** Maps HubSpot's status codes and `{status:"error",message,category,policyName,…}` bodies (§2.8) to CrmError. */
function throwIfFailed(res: JsonResponse, scrub: (s: string) => string): void {
  if (res.status >= 200 && res.status < 300) {
    if (res.json === undefined) throw notHubSpot(res.status);
    return;
  }
  const body = isRecord(res.json) ? res.json : {};
  const category = str(body.category) ?? undefined;
  const said = str(body.message);
  const quote = said ? ` HubSpot said: “${scrub(said)}”` : "";
  if (res.status === 429) {
    const policy = str(body.policyName) ?? undefined;
    // The official SDK waits 10 s for the rolling ten-second policy and 1 s for the secondly (search) one.
    const secondly = policy === "SECONDLY" || said === "You have reached your secondly limit.";
    throw new CrmError("rate_limited", `HubSpot's API limit for this account was reached; Leadline will try again shortly.${quote}`, {
      status: 429,
      retryAfterMs: retryAfterMs(res.headers) ?? (secondly ? 1_000 : 10_000),
      vendorCode: policy,
    });
  }
  if (res.status === 401) {
    const expired = category === "EXPIRED_AUTHENTICATION";
    throw new CrmError(
      "unauthorized",
      `HubSpot did not accept this access token${expired ? " because it has expired" : ""}. ${FIX_TOKEN}`,
      {
        status: 401,
        vendorCode: category,
      },
    );
  }
  if (res.status === 403) {
    const scopes = requiredScopes(body);
    const need = scopes.length ? ` It needs ${scopes.join(" or ")}; add it under the app's Scopes tab and commit the change.` : "";
    throw new CrmError("rejected", `HubSpot refused: the private app is missing a permission.${need}${quote}`, {
      status: 403,
      vendorCode: category,
    });
  }
  if (res.status === 404) throw new CrmError("not_found", `HubSpot has no such record.${quote}`, { status: 404, vendorCode: category });
  if (res.status >= 500) {
    throw new CrmError("bad_response", `HubSpot had a problem answering (HTTP ${res.status}); try again in a minute.`, {
      status: res.status,
      vendorCode: category,
    });
  }
  if (res.status >= 300 && res.status < 400) throw notHubSpot(res.status);
  throw new CrmError("rejected", `HubSpot refused the request (HTTP ${res.status}).${quote}`, { status: res.status, vendorCode: category });
}

function requiredScopes(body: Record<string, unknown>): string[] {
  const errors = Array.isArray(body.errors) ? body.errors : [];
  return errors.flatMap((e) => {
    const context = isRecord(e) && isRecord(e.context) ? e.context : {};
    const scopes = context.requiredGranularScopes ?? context.requiredScopes;
    return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [];
  });
}

function notHubSpot(status?: number): CrmError {
  return new CrmError("bad_response", "The answer did not come from the HubSpot API; check the API address.", { status });
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
