import { z } from "zod";
import { boundCallContent, storableText } from "./content";
import { ProviderWebhookError, type CallReport, type StatusWebhook } from "./port";
import { outcomeForEndedReason } from "./vapi-outcomes";
import { requireWebhookSecret, secretsMatch } from "./webhook-secret";

const lenientText = z.string().nullish().catch(null);

const envelopeSchema = z.object({ message: z.object({ type: z.string().min(1) }) });

const endOfCallReportSchema = z.object({
  message: z.object({
    type: z.literal("end-of-call-report"),
    endedReason: z.string().min(1),
    endedAt: z.string().nullish(),
    timestamp: z.union([z.number(), z.string()]).nullish(),
    call: z.object({ id: z.string().min(1) }),
    // Read leniently, field by field: a report must not be refused, nor lose our attempt id, for the rest of it.
    artifact: z
      .object({
        variableValues: z
          .object({ leadline_attempt_id: z.string().min(1) })
          .partial()
          .nullish()
          .catch(null),
        transcript: lenientText,
        recordingUrl: lenientText,
      })
      .nullish()
      .catch(null),
    analysis: z.object({ summary: lenientText }).nullish().catch(null),
  }),
});

/** The secret as Vapi sends it: our `X-Vapi-Secret` header, or a bearer token if the agent uses a Vapi credential. */
function presentedSecrets(headers: Headers): string[] {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "")?.[1]?.trim();
  return [headers.get("x-vapi-secret"), bearer].filter((value): value is string => Boolean(value));
}

function validDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Verifies and parses one Vapi server message. Only `end-of-call-report` is terminal; `status-update` "ended" comes
 * first without the artifacts, and acting on both would settle an attempt twice.
 */
export function parseVapiStatusWebhook(webhook: StatusWebhook, credentials: Record<string, string>): CallReport | null {
  const secret = requireWebhookSecret(credentials, "vapi");
  const presented = presentedSecrets(webhook.headers);
  if (presented.length === 0) throw new ProviderWebhookError("The X-Vapi-Secret header is missing", 401);
  if (!presented.some((value) => secretsMatch(value, secret))) {
    throw new ProviderWebhookError("The Vapi secret does not match this agent's webhook secret", 401);
  }

  let json: unknown;
  try {
    json = JSON.parse(webhook.rawBody);
  } catch {
    throw new ProviderWebhookError("The Vapi message is not valid JSON", 400);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw new ProviderWebhookError('The Vapi message has no "message.type"', 400);
  if (envelope.data.message.type !== "end-of-call-report") return null;

  const report = endOfCallReportSchema.safeParse(json);
  if (!report.success) {
    const issue = report.error.issues[0]!;
    throw new ProviderWebhookError(`The end-of-call-report is malformed at ${issue.path.join(".")}: ${issue.message}`, 400);
  }
  const { endedReason, endedAt, timestamp, call, artifact, analysis } = report.data.message;
  const { outcome, retryable } = outcomeForEndedReason(endedReason);
  return {
    providerCallId: call.id,
    // The attempt id we sent in the call's variables (vapi.ts) comes back in the report's artifact.
    attemptId: artifact?.variableValues?.leadline_attempt_id,
    outcome,
    detail: storableText(endedReason),
    // A report without usable times is still the outcome; refusing it would lose it, since Vapi retries no 400.
    endedAt: validDate(endedAt) ?? validDate(timestamp) ?? new Date(),
    retryable,
    ...boundCallContent({ summary: analysis?.summary, transcript: artifact?.transcript, recordingUrl: artifact?.recordingUrl }),
  };
}
