// The call's summary, transcript and recording link: stored from the provider's report and written back to the CRM.
import { describe, expect, it } from "vitest";
import { callPageUrl } from "@/lib/call-webhooks/payload";
import { recordReport } from "@/lib/calls/writes";
import { HUBSPOT_CALL_DISPOSITIONS } from "@/lib/crm/hubspot/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import type { CallReport } from "@/lib/providers/voice/port";
import { drainWrites } from "./drain";
import { CRM_TEXT_LIMITS } from "./outcome-writes";
import {
  CONTACT,
  DIALED,
  ENDED,
  hubspot,
  LEAD,
  lsq,
  processA,
  seed,
  settleOne,
  withWriteBackFakes,
  writes,
  type Seeded,
} from "./write-back.test-support";

withWriteBackFakes();

const CONTENT = {
  summary: "Asha is interested and asked for a callback tomorrow at 11.",
  transcript: "AI: Hello Asha, is now a good time?\nUser: Yes. Call me tomorrow at 11, please.",
  recordingUrl: "https://storage.vapi.ai/call-1-mono.wav",
};

/**
 * A dialed attempt gets the provider's report through recordReport (the status webhook's path), then its task
 * settles as the last attempt: what the report carried is stored on the attempt and queued for the CRM.
 */
async function reportAndSettle(s: Seeded, content: Partial<typeof CONTENT>) {
  const attempt = await db.callAttempt.create({
    data: {
      id: newId("att"),
      taskId: s.task.id,
      agentId: s.agent.id,
      number: 1,
      status: "in_progress",
      scheduledAt: DIALED,
      reason: {},
      dialedAt: DIALED,
      provider: s.agent.provider,
      providerCallId: `call_${s.task.id}`,
      variablesSent: {},
    },
  });
  await db.callTask.update({ where: { id: s.task.id }, data: { attemptsMade: 1 } });
  const report = {
    providerCallId: `call_${s.task.id}`,
    outcome: "completed",
    detail: "customer-ended-call",
    endedAt: ENDED,
    retryable: false,
  };
  expect(await recordReport(s.agent, { ...report, ...content } as CallReport)).toMatchObject({ duplicate: false });
  expect(await settleOne(s, 1, { kind: "finish", status: "completed", why: "answered" })).toEqual([s.task.id]);
  return db.callAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
}

const callUrl = (s: Seeded) => callPageUrl(s.task.id, env().LEADLINE_PUBLIC_URL);

describe("the call's summary, transcript and recording link", () => {
  it("a report stores them on the attempt, and the LeadSquared activity carries them in its note", async () => {
    const s = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    const attempt = await reportAndSettle(s, CONTENT);
    expect(attempt).toMatchObject({ status: "ended", outcome: "completed", ...CONTENT });
    const note = [
      "Leadline AI call, attempt 1 of 2: answered (final)",
      "Duration: 95 s",
      `Provider call id: call_${s.task.id}`,
      "Provider's reason: customer-ended-call",
      `Recording: ${CONTENT.recordingUrl}`,
      `Summary: ${CONTENT.summary}`,
      "",
      "Transcript:",
      CONTENT.transcript,
    ].join("\n");
    const [queued] = await writes();
    expect(queued!.payload).toMatchObject({ note });

    await drainWrites({ pool: processA });
    expect(lsq.requests.find((r) => r.path === "/v2/ProspectActivity.svc/Create")!.body).toEqual({
      RelatedProspectId: LEAD,
      ActivityEvent: 201,
      ActivityNote: note,
      ActivityDateTime: "2030-01-07 05:01:35",
      Fields: [],
    });
  });

  it("the HubSpot engagement gets the summary then the transcript as its body, and the recording as hs_call_recording_url", async () => {
    const s = await seed("hubspot", { mode: "final", hubSpotEngagement: true });
    await reportAndSettle(s, CONTENT);
    await drainWrites({ pool: processA });
    expect(hubspot.requests.find((r) => r.path === "/crm/v3/objects/calls")!.body).toEqual({
      properties: {
        hs_timestamp: ENDED.toISOString(),
        hs_call_title: "Leadline AI call, attempt 1",
        hs_call_body: [
          "Leadline AI call, attempt 1 of 2: answered (final)",
          "Duration: 95 s",
          `Provider call id: call_${s.task.id}`,
          "Provider's reason: customer-ended-call",
          `Summary: ${CONTENT.summary}`,
          "",
          "Transcript:",
          CONTENT.transcript,
        ].join("\n"),
        hs_call_direction: "OUTBOUND",
        hs_call_duration: "95000",
        hs_call_disposition: HUBSPOT_CALL_DISPOSITIONS.connected,
        hs_call_status: "COMPLETED",
        hs_call_to_number: "+919876500301",
        hs_call_recording_url: CONTENT.recordingUrl,
      },
      associations: [{ to: { id: CONTACT }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 194 }] }],
    });
  });

  it("an agent that leaves the transcript out sends the summary and link only; a provider that gave none sends neither", async () => {
    const s = await seed("hubspot", { mode: "final", hubSpotEngagement: true, includeTranscript: false });
    const attempt = await reportAndSettle(s, CONTENT);
    // Kept in Leadline all the same: the setting is about what leaves for the CRM.
    expect(attempt.transcript).toBe(CONTENT.transcript);
    const t = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    expect(await reportAndSettle(t, {})).toMatchObject({ summary: null, transcript: null, recordingUrl: null });
    await drainWrites({ pool: processA });
    const [call] = hubspot.calls;
    expect(call!.properties.hs_call_body).toMatch(new RegExp(`Summary: ${CONTENT.summary}$`));
    expect(call!.properties.hs_call_recording_url).toBe(CONTENT.recordingUrl);
    expect(lsq.activities[0]!.ActivityNote).not.toMatch(/Summary|Recording|Transcript/);
  });

  it("a transcript too long for LeadSquared's note is cut to fit, with a link to the whole of it on the call", async () => {
    const s = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    const transcript = Array.from({ length: 2_000 }, (_, i) => `User: line ${i}`).join("\n");
    expect((await reportAndSettle(s, { ...CONTENT, transcript })).transcript).toBe(transcript);
    await drainWrites({ pool: processA });
    const note = lsq.activities[0]!.ActivityNote;
    expect(note).toHaveLength(CRM_TEXT_LIMITS.leadSquaredNote);
    expect(note).toContain(`Summary: ${CONTENT.summary}\n\nTranscript:\nUser: line 0\nUser: line 1\n`);
    expect(note.endsWith(`\n…[cut to fit; the whole transcript is on the call in Leadline: ${callUrl(s)}]`)).toBe(true);
  });
});
