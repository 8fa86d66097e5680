import {
  ProviderError,
  type FindCallRequest,
  type FoundCall,
  type StartCallRequest,
  type StartCallResult,
  type VoiceProvider,
} from "./port";
import { parseVapiStatusWebhook } from "./vapi-webhook";
import { requireWebhookSecret } from "./webhook-secret";

export const VAPI_BASE_URL = "https://api.vapi.ai";
export const VAPI_SECRET_HEADER = "X-Vapi-Secret";
/** Vapi's largest page of `GET /call`, and how many pages a look-up reads before it says it cannot tell. */
export const VAPI_LIST_LIMIT = 1000;
const VAPI_LIST_MAX_PAGES = 10;

export type VapiOptions = {
  /** Default https://api.vapi.ai; tests point it at the fake. */
  baseUrl?: string;
  /** Per create-call request, including reading the answer. Default 15 s. */
  timeoutMs?: number;
};

/** The only server messages Leadline reads; the rest would be noise, and some (tool-calls) expect answers we cannot give. */
const SERVER_MESSAGES = ["status-update", "end-of-call-report"];

function requireValue(record: Record<string, string>, key: string, fix: string): string {
  const value = record[key]?.trim();
  if (!value) throw new ProviderError(`Vapi: the agent has no ${key}; ${fix}`, false);
  return value;
}

/**
 * The create-call body. Vapi has no per-call metadata field, so the attempt id rides in `variableValues` and `name`.
 * The per-call server carries our secret as a static `X-Vapi-Secret` header: `server.headers` needs no credential
 * created beforehand, and Vapi's docs call an Authorization header there an anti-pattern. Vapi does not retry server
 * requests unless given a backoff plan; 400/401 from us mean a malformed or forged report, which a retry cannot cure.
 */
export function vapiCallBody(req: StartCallRequest, secret: string) {
  return {
    assistantId: requireValue(req.settings, "assistantId", "copy the assistant's id from the Vapi dashboard into the agent"),
    phoneNumberId: requireValue(
      req.settings,
      "phoneNumberId",
      "copy the outbound phone number's id from the Vapi dashboard into the agent",
    ),
    customer: { number: req.to },
    assistantOverrides: {
      variableValues: { ...req.variables, leadline_attempt_id: req.attemptId },
      server: {
        url: req.statusUrl,
        timeoutSeconds: 20,
        headers: { [VAPI_SECRET_HEADER]: secret },
        backoffPlan: { type: "exponential", maxRetries: 3, baseDelaySeconds: 2, excludedStatusCodes: [400, 401] },
      },
      serverMessages: SERVER_MESSAGES,
    },
    // Capped so an unusually long attempt id cannot make Vapi refuse the call; variableValues carries it whole.
    name: `leadline ${req.attemptId}`.slice(0, 40),
  };
}

export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function vapiMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    const words = Array.isArray(message) ? message.join("; ") : typeof message === "string" ? message : "";
    return words.slice(0, 300);
  } catch {
    return "";
  }
}

function errorForStatus(status: number, text: string, headers: Headers): ProviderError {
  const said = vapiMessage(text);
  const saying = said ? ` Vapi said: ${said}` : "";
  if (status === 429) {
    return new ProviderError(`Vapi is rate limiting call creation (429).${saying}`, true, status, retryAfterMs(headers.get("retry-after")));
  }
  if (status === 408 || status >= 500) return new ProviderError(`Vapi failed to create the call (${status}).${saying}`, true, status);
  if (status === 401) {
    return new ProviderError(`Vapi rejected the API key (401): check the agent's Vapi private key.${saying}`, false, status);
  }
  if (status === 403) {
    return new ProviderError(
      `Vapi refused the API key (403): use the private (not public) key of the Vapi organisation that owns the assistant.${saying}`,
      false,
      status,
    );
  }
  if (status === 404) {
    return new ProviderError(
      `Vapi could not find what the call refers to (404): check the agent's assistantId and phoneNumberId.${saying}`,
      false,
      status,
    );
  }
  if (status === 400 || status === 422) {
    return new ProviderError(
      `Vapi rejected the call (${status}): check the agent's assistantId and phoneNumberId and the lead's phone number.${saying}`,
      false,
      status,
    );
  }
  return new ProviderError(`Vapi refused to create the call (${status}).${saying}`, false, status);
}

export function createVapi(options: VapiOptions = {}): VoiceProvider {
  const baseUrl = (options.baseUrl ?? VAPI_BASE_URL).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function startCall(req: StartCallRequest): Promise<StartCallResult> {
    const apiKey = requireValue(req.credentials, "apiKey", "add the Vapi private API key to the agent");
    const body = JSON.stringify(vapiCallBody(req, requireWebhookSecret(req.credentials, "vapi")));
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${baseUrl}/call`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      if (err instanceof Error && err.name === "TimeoutError") {
        throw new ProviderError(`Vapi did not answer within ${timeoutMs} ms`, true);
      }
      const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      throw new ProviderError(`Could not reach Vapi at ${baseUrl}: ${cause}`, true);
    }
    if (!res.ok) throw errorForStatus(res.status, text, res.headers);
    let id: unknown;
    try {
      id = (JSON.parse(text) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    // Not transient: Vapi accepted something, and dialling again could ring the lead twice.
    if (typeof id !== "string" || !id) throw new ProviderError(`Vapi answered ${res.status} without a call id`, false, res.status);
    return { providerCallId: id };
  }

  type ListedCall = {
    id?: unknown;
    name?: unknown;
    createdAt?: unknown;
    assistantOverrides?: { variableValues?: Record<string, unknown> };
  };

  /** One page of `GET /call`, newest first; null when Vapi's answer says nothing usable. 429/5xx and no answer throw. */
  async function listCalls(apiKey: string, query: URLSearchParams, attemptId: string): Promise<ListedCall[] | null> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${baseUrl}/call?${query}`, {
        headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new ProviderError(`Could not ask Vapi about attempt ${attemptId}: ${(err as Error).message}`, true);
    }
    if (res.status === 429 || res.status >= 500) throw errorForStatus(res.status, text, res.headers);
    if (!res.ok) return null;
    try {
      const calls: unknown = JSON.parse(text);
      return Array.isArray(calls) ? (calls as ListedCall[]) : null;
    } catch {
      return null;
    }
  }

  /**
   * Vapi has no lookup by our id: list the number's calls created since the claim (a minute's slack for clocks) and
   * match the attempt id we sent. A full page may hide ours, so older pages are read (up to `createdAtLe` the oldest
   * seen); "absent" is said only after a page that is not full, since it leads to dialling again.
   */
  async function findCall(req: FindCallRequest): Promise<FoundCall> {
    const apiKey = requireValue(req.credentials, "apiKey", "add the Vapi private API key to the agent");
    const name = `leadline ${req.attemptId}`.slice(0, 40);
    const ours = (c: ListedCall) =>
      c.assistantOverrides?.variableValues?.leadline_attempt_id === req.attemptId || (c.name === name && name.endsWith(req.attemptId));
    const seen = new Set<unknown>();
    let oldest: string | null = null;
    for (let page = 0; page < VAPI_LIST_MAX_PAGES; page++) {
      const query = new URLSearchParams({
        createdAtGe: new Date(req.since.getTime() - 60_000).toISOString(),
        limit: String(VAPI_LIST_LIMIT),
      });
      if (req.settings.phoneNumberId) query.set("phoneNumberId", req.settings.phoneNumberId);
      if (oldest) query.set("createdAtLe", oldest);
      const calls = await listCalls(apiKey, query, req.attemptId);
      if (!calls) return { kind: "unknown" };
      const match = calls.find(ours);
      if (typeof match?.id === "string") return { kind: "found", providerCallId: match.id };
      if (calls.length < VAPI_LIST_LIMIT) return { kind: "absent" };
      const fresh = calls.filter((c) => !seen.has(c.id));
      const times = fresh.map((c) => c.createdAt).filter((t): t is string => typeof t === "string");
      // A full page with nothing new (one instant holds more calls than a page) cannot be paged past.
      if (!fresh.length || times.length < fresh.length) return { kind: "unknown" };
      for (const c of fresh) seen.add(c.id);
      oldest = times.reduce((a, b) => (b < a ? b : a));
    }
    return { kind: "unknown" };
  }

  return { name: "vapi", startCall, findCall, parseStatusWebhook: parseVapiStatusWebhook };
}
