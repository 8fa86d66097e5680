import type { Outcome } from "@/lib/schedule/types";
import type { CallContent } from "./content";

/** What Leadline asks a voice provider to do for one attempt. */
export type StartCallRequest = {
  /** Our attempt id: sent along so the provider's reports can be matched, and as an idempotency key where supported. */
  attemptId: string;
  /** 1 for the first call to this lead, 2 for the first retry, … */
  attempt: number;
  /** E.164, e.g. +919876543210 */
  to: string;
  /** The agent's provider settings (e.g. Vapi assistantId, phoneNumberId); never secrets. */
  settings: Record<string, string>;
  /** Decrypted provider credentials for this agent (e.g. Vapi private API key); empty for the simulator. */
  credentials: Record<string, string>;
  /** Exactly the variables the agent receives. */
  variables: Record<string, string>;
  /** Where the provider must post its status reports (our /api/call/status/<provider> URL, with any routing query). */
  statusUrl: string;
};

export type StartCallResult = { providerCallId: string };

/** Which call, if any, the provider placed for one of our attempts (after a crash or a timeout left it unknown). */
export type FindCallRequest = Pick<StartCallRequest, "attemptId" | "to" | "settings" | "credentials"> & {
  /** When the attempt was claimed: the call, if any, was created after it. */
  since: Date;
};

/** `absent`: the provider can tell, and placed no call for it; `unknown`: it cannot tell. */
export type FoundCall = { kind: "found"; providerCallId: string } | { kind: "absent" } | { kind: "unknown" };

/**
 * A provider failure. `transient` (429, 5xx, network, timeout) means try the same dial again later and is not a failed
 * attempt; otherwise the provider refused this call (bad number, bad assistant) and the attempt ends as `failed`.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * A terminal report about one call, normalised to Leadline's outcomes, with the summary, transcript and recording
 * link when the provider gave them (bounded by boundCallContent).
 */
export type CallReport = CallContent & {
  providerCallId: string;
  /** Our attempt id, where the provider echoes what we sent: a report that beats our write of the call id still finds its attempt. */
  attemptId?: string;
  outcome: Outcome;
  /** The provider's own words, e.g. Vapi's endedReason "customer-did-not-answer". */
  detail: string;
  endedAt: Date;
  /** False when the provider says retrying is pointless (e.g. a misdialled number). */
  retryable: boolean;
};

export type StatusWebhook = { headers: Headers; rawBody: string; url: URL };

export interface VoiceProvider {
  readonly name: "simulator" | "vapi";
  startCall(req: StartCallRequest): Promise<StartCallResult>;
  /** Looks up the call placed for an attempt; throws a transient ProviderError when the provider cannot be asked now. */
  findCall(req: FindCallRequest): Promise<FoundCall>;
  /**
   * Verifies a status webhook with the given credentials, then parses it. Throws ProviderWebhookError for a forged
   * or malformed request; returns null for a genuine message that is not a terminal report (e.g. "ringing").
   */
  parseStatusWebhook(webhook: StatusWebhook, credentials: Record<string, string>): CallReport | null;
}

export class ProviderWebhookError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401,
  ) {
    super(message);
  }
}
