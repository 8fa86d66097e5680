import { describe, expect, it } from "vitest";
import { leadSyncFailureMail, MAX_LISTED_LEADS, type LeadSyncFailureMailInput } from "./lead-sync-failure";

const base: LeadSyncFailureMailInput = {
  recipientName: "Asha",
  connectorName: "Clinic → Patients",
  jobId: "lsj_1",
  failedAt: new Date("2026-12-06T04:30:00Z"),
  zone: "Asia/Kolkata",
  summary: null,
  leadErrors: [{ lead: "asha@example.com", reasons: ["mx_Paid: expected true or false, got 12"] }],
  jobUrl: "https://leadline.test/lead-sync/lsc_1/jobs/lsj_1",
  connectorUrl: "https://leadline.test/lead-sync/lsc_1",
};

describe("the Lead Sync failure mail", () => {
  it("names the connector, the count, each lead's reason, the time in the organisation's zone and the links", () => {
    const mail = leadSyncFailureMail(base);
    expect(mail.subject).toBe('Lead Sync "Clinic → Patients": 1 lead failed');
    expect(mail.text).toContain("job lsj_1 (6 Dec 2026, 10:00, Asia/Kolkata)");
    expect(mail.text).toContain("- asha@example.com: mx_Paid: expected true or false, got 12");
    expect(mail.text).toContain("Retry on the job: https://leadline.test/lead-sync/lsc_1/jobs/lsj_1");
    expect(mail.html).toContain('<a href="https://leadline.test/lead-sync/lsc_1/jobs/lsj_1">');
  });

  it("escapes lead data in the HTML part", () => {
    const mail = leadSyncFailureMail({ ...base, leadErrors: [{ lead: "<script>x</script>", reasons: ['bad "value" & more'] }] });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(mail.html).toContain("bad &quot;value&quot; &amp; more");
  });

  it("lists at most MAX_LISTED_LEADS leads and says how many more there are", () => {
    const leadErrors = Array.from({ length: MAX_LISTED_LEADS + 3 }, (_, i) => ({ lead: `lead${i}`, reasons: ["r"] }));
    const mail = leadSyncFailureMail({ ...base, leadErrors });
    expect(mail.subject).toContain(`${MAX_LISTED_LEADS + 3} leads failed`);
    expect(mail.text.match(/^- lead/gm)).toHaveLength(MAX_LISTED_LEADS);
    expect(mail.text).toContain("…and 3 more");
  });

  it("says the job failed as a whole when no lead is named", () => {
    const mail = leadSyncFailureMail({ ...base, leadErrors: [], summary: "The destination rejected the keys (401)." });
    expect(mail.subject).toBe('Lead Sync "Clinic → Patients": a sync job failed');
    expect(mail.text).toContain("The destination rejected the keys (401).");
  });
});
