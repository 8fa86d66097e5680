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

  /** Vapi has no lookup by our id: list the number's calls created since the claim and match the attempt id we sent. */
  async function findCall(req: FindCallRequest): Promise<FoundCall> {
    const apiKey = requireValue(req.credentials, "apiKey", "add the Vapi private API key to the agent");
    const query = new URLSearchParams({ createdAtGe: new Date(req.since.getTime() - 60_000).toISOString(), limit: "1000" });
    if (req.settings.phoneNumberId) query.set("phoneNumberId", req.settings.phoneNumberId);
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/call?${query}`, {
        headers: { authorization: `Bearer ${apiKey}`, accept: "application/json" },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new ProviderError(`Could not ask Vapi about attempt ${req.attemptId}: ${(err as Error).message}`, true);
    }
    const text = await res.text();
    if (res.status === 429 || res.status >= 500) throw errorForStatus(res.status, text, res.headers);
    if (!res.ok) return { kind: "unknown" };
    let calls: unknown;
    try {
      calls = JSON.parse(text);
    } catch {
      return { kind: "unknown" };
    }
    if (!Array.isArray(calls)) return { kind: "unknown" };
    const name = `leadline ${req.attemptId}`.slice(0, 40);
    const match = (
      calls as Array<{ id?: unknown; name?: unknown; assistantOverrides?: { variableValues?: Record<string, unknown> } }>
    ).find(
      (c) =>
        c.assistantOverrides?.variableValues?.leadline_attempt_id === req.attemptId || (c.name === name && name.endsWith(req.attemptId)),
    );
    return typeof match?.id === "string" ? { kind: "found", providerCallId: match.id } : { kind: "absent" };
  }

  return { name: "vapi", startCall, findCall, parseStatusWebhook: parseVapiStatusWebhook };
}
