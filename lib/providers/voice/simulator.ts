import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { setBounded } from "@/lib/bounded-map";
import { randomToken } from "@/lib/ids";
import { OUTCOMES, type Outcome } from "@/lib/schedule/types";
import { boundCallContent, type CallContent } from "./content";
import { ProviderError, ProviderWebhookError, type CallReport, type VoiceProvider } from "./port";
import { SIGNATURE_HEADER, requireWebhookSecret, signBody, signatureMatches } from "./webhook-secret";

export type SimulatorOptions = {
  /** How long a simulated call lasts before its report is posted. */
  delayMs: number;
  /** Signs reports; the status route verifies them with the same value as `credentials.webhookSecret`. */
  secret: string;
  /** Pause before the first re-post of an undelivered report; doubles before the second. Default 1 s. */
  retryDelayMs?: number;
  /** How many attempt ids are remembered for idempotency; the oldest is forgotten first. Default 10,000. */
  rememberAttempts?: number;
};

/** The last four digits of the destination pick the simulated outcome; any other number is answered. */
export const SIMULATOR_TEST_NUMBERS: Readonly<Record<string, Outcome>> = {
  "0000": "no_answer",
  "0001": "busy",
  "0002": "failed",
  "0003": "voicemail",
};
/** Ends in 0004: nobody answers the first call, a retry is answered; shows a retry working end to end. */
const ANSWERS_ON_RETRY = "0004";

const DETAILS: Record<Outcome, string> = {
  completed: "simulated: answered and talked",
  no_answer: "simulated: nobody answered",
  busy: "simulated: line busy",
  voicemail: "simulated: reached voicemail",
  failed: "simulated: carrier failed to connect",
};

/** What every answered simulated call reports as its summary, so a test or a demo can look for it. */
export const SIMULATED_SUMMARY = "Simulated call: the lead answered, confirmed their interest and asked for a callback tomorrow morning.";

/** A plausible summary, transcript and recording link for an answered call; nobody talked on any other, so none. */
function simulatedContent(outcome: Outcome, callId: string, variables: Record<string, string>): CallContent {
  if (outcome !== "completed") return {};
  const name = variables.name?.trim();
  return {
    summary: SIMULATED_SUMMARY,
    transcript: [
      `AI: Hello${name ? ` ${name}` : ""}, this is Leadline's assistant calling about your enquiry. Is now a good time?`,
      "User: Yes, go ahead.",
      "AI: Are you still interested in hearing more?",
      "User: I am, but I'm busy today. Could someone call me tomorrow morning?",
      "AI: Of course, we'll call you tomorrow morning. Thank you!",
    ].join("\n"),
    // No recording exists; the reserved .invalid domain makes the link plainly a stand-in.
    recordingUrl: `https://recordings.simulator.invalid/${callId}.wav`,
  };
}

const REPORT_TRIES = 3;
const REPORT_TIMEOUT_MS = 10_000;
const E164 = /^\+[1-9]\d{6,14}$/;

// Built once: zod compiles an object schema on its first parse, which per report would cost more than the parse.
const kindSchema = z.object({ type: z.string() });
const reportSchema = z.object({
  type: z.literal("call.ended"),
  callId: z.string().min(1),
  attemptId: z.string(),
  outcome: z.enum(OUTCOMES),
  detail: z.string(),
  retryable: z.boolean(),
  endedAt: z.iso.datetime(),
  summary: z.string().optional(),
  transcript: z.string().optional(),
  recordingUrl: z.string().optional(),
});

/** The JSON body the simulator posts to `statusUrl`. */
export type SimulatorReport = z.infer<typeof reportSchema>;

export function simulatedOutcome(to: string, attempt: number): Outcome {
  const last4 = to.replace(/\D/g, "").slice(-4);
  if (last4 === ANSWERS_ON_RETRY) return attempt === 1 ? "no_answer" : "completed";
  return SIMULATOR_TEST_NUMBERS[last4] ?? "completed";
}

// Node's own client rather than fetch: a report costs a quarter of fetch's CPU (webstreams, Request objects, an abort
// signal each), and in a morning rush the simulator posts hundreds a second from the server's own thread.
const keepAlive = { "http:": new http.Agent({ keepAlive: true }), "https:": new https.Agent({ keepAlive: true }) };

/** POSTs `body` and resolves with the answer's status once it has been read; rejects on a network error or timeout. */
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: "POST",
        agent: keepAlive[target.protocol as keyof typeof keepAlive],
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        timeout: REPORT_TIMEOUT_MS,
      },
      (res) => {
        res.on("error", reject);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.resume();
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${REPORT_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

export function createSimulator(options: SimulatorOptions): VoiceProvider {
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const rememberAttempts = options.rememberAttempts ?? 10_000;
  const callIdByAttempt = new Map<string, string>();

  function remember(attemptId: string, callId: string) {
    setBounded(callIdByAttempt, attemptId, callId, rememberAttempts);
  }

  /** "retry" for failures a later try may cure (network, 408, 429, 5xx); "stop" for delivered or refused. */
  async function postOnce(url: string, body: string): Promise<"stop" | "retry"> {
    try {
      // The answer is read only for its status: asking for it uncompressed spares both sides a gzip per report.
      const status = await post(url, body, {
        "content-type": "application/json",
        "accept-encoding": "identity",
        [SIGNATURE_HEADER]: signBody(options.secret, body),
      });
      if (status >= 200 && status < 300) return "stop";
      if (status === 408 || status === 429 || status >= 500) return "retry";
      console.warn(`simulator: ${new URL(url).pathname} refused the report with ${status}; not retrying`);
      return "stop";
    } catch {
      return "retry";
    }
  }

  async function deliver(url: string, report: SimulatorReport) {
    const body = JSON.stringify(report);
    for (let attempt = 1; attempt <= REPORT_TRIES; attempt++) {
      if ((await postOnce(url, body)) === "stop") return;
      if (attempt < REPORT_TRIES) await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
    }
    console.warn(`simulator: the report for ${report.callId} could not be delivered after ${REPORT_TRIES} tries`);
  }

  return {
    name: "simulator",

    async startCall(req) {
      const known = callIdByAttempt.get(req.attemptId);
      if (known) return { providerCallId: known };
      if (!E164.test(req.to)) {
        throw new ProviderError(`Simulator: "${req.to}" is not an E.164 number such as +919876543210`, false, 400);
      }
      const callId = `sim_${randomToken(20)}`;
      remember(req.attemptId, callId);
      const outcome = simulatedOutcome(req.to, req.attempt);
      setTimeout(() => {
        void deliver(req.statusUrl, {
          type: "call.ended",
          callId,
          attemptId: req.attemptId,
          outcome,
          detail: DETAILS[outcome],
          retryable: outcome !== "completed",
          endedAt: new Date().toISOString(),
          ...simulatedContent(outcome, callId, req.variables),
        });
      }, options.delayMs);
      return { providerCallId: callId };
    },

    // Its memory is this process's: after a restart it cannot tell whether it placed a call.
    async findCall(req) {
      const known = callIdByAttempt.get(req.attemptId);
      return known ? { kind: "found", providerCallId: known } : { kind: "unknown" };
    },

    parseStatusWebhook(webhook, credentials): CallReport | null {
      const secret = requireWebhookSecret(credentials, "simulator");
      if (!signatureMatches(secret, webhook.rawBody, webhook.headers.get(SIGNATURE_HEADER))) {
        throw new ProviderWebhookError(`The ${SIGNATURE_HEADER} signature is missing or does not match the body`, 401);
      }
      let json: unknown;
      try {
        json = JSON.parse(webhook.rawBody);
      } catch {
        throw new ProviderWebhookError("The simulator report is not valid JSON", 400);
      }
      const kind = kindSchema.safeParse(json);
      if (!kind.success) throw new ProviderWebhookError("The simulator report has no type", 400);
      if (kind.data.type !== "call.ended") return null;
      const report = reportSchema.safeParse(json);
      if (!report.success) {
        const issue = report.error.issues[0]!;
        throw new ProviderWebhookError(`The simulator report is malformed at ${issue.path.join(".")}: ${issue.message}`, 400);
      }
      const { callId, attemptId, outcome, detail, endedAt, retryable, ...content } = report.data;
      return {
        providerCallId: callId,
        attemptId: attemptId || undefined,
        outcome,
        detail,
        endedAt: new Date(endedAt),
        retryable,
        ...boundCallContent(content),
      };
    },
  };
}
