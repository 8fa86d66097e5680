import { describe, expect, it } from "vitest";
import { readWriteBack, WRITE_BACK_OFF, writeBackSchema } from "./settings";

describe("writeBackSchema", () => {
  it("accepts a full setting and reads what was never saved as off", () => {
    const ok = {
      mode: "final",
      leadSquaredActivityEvent: 201,
      hubSpotEngagement: false,
      fieldUpdates: [{ outcome: "completed", field: " ProspectStage ", value: "Contacted" }],
    };
    expect(writeBackSchema.parse(ok).fieldUpdates[0]!.field).toBe("ProspectStage");
    expect(readWriteBack({})).toEqual(WRITE_BACK_OFF);
  });

  it("keeps sending the transcript for settings saved before the option existed, and leaves it out when turned off", () => {
    const saved = { mode: "each_attempt", leadSquaredActivityEvent: 201, hubSpotEngagement: true, fieldUpdates: [] };
    expect(readWriteBack(saved)).toMatchObject({ mode: "each_attempt", includeTranscript: true });
    expect(readWriteBack({ ...saved, includeTranscript: false }).includeTranscript).toBe(false);
    expect(writeBackSchema.safeParse({ ...saved, includeTranscript: "no" }).error?.issues[0]).toMatchObject({
      path: ["includeTranscript"],
      message: "Say whether to send the call's transcript to the CRM (true or false).",
    });
  });

  it("says what is wrong: an unknown mode, a non-numeric activity type, a field set twice for one outcome", () => {
    const bad = writeBackSchema.safeParse({
      mode: "sometimes",
      leadSquaredActivityEvent: 1.5,
      hubSpotEngagement: true,
      fieldUpdates: [
        { outcome: "busy", field: "mx_Status", value: "a" },
        { outcome: "busy", field: "MX_status", value: "b" },
      ],
    });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ["mode", expect.stringContaining("each_attempt")],
        ["leadSquaredActivityEvent", "A LeadSquared activity type code is a whole number."],
      ]),
    );
  });
});
