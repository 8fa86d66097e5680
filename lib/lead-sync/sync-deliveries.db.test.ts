// Lead Sync: what a delivery carries (body types, bulk creates and updates, activities), echoes between two accounts
// syncing both ways, and one lead per Search By value.
import { describe, expect, it } from "vitest";
import type { FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { db } from "@/lib/db";
import {
  ASHA,
  baseConfig,
  deliver,
  drainAll,
  leadByEmail,
  makeConnector,
  syncOnce,
  withTwoAccounts,
  writesTo,
} from "./lead-sync.test-support";
import { getJob } from "./queries";

let a: FakeLeadSquared;
let b: FakeLeadSquared;
let orgId: string;
withTwoAccounts((accounts) => ({ a, b, orgId } = accounts));

/** Twenty source leads (lead0…lead19@example.com); the eighth carries a PAN a destination lead already holds. */
function twentyWithOnePanTaken(firstName: string) {
  b.leads.set("dst-pan", { ProspectID: "dst-pan", FirstName: "Holder", mx_PAN: "TAKEN0001Z" });
  return Array.from({ length: 20 }, (_, i) => ({
    ProspectID: `s${i}`,
    FirstName: `${firstName} ${i}`,
    EmailAddress: `lead${i}@example.com`,
    ...(i === 7 ? { mx_PAN: "TAKEN0001Z" } : {}),
  }));
}

describe("deliveries", () => {
  it("reads a bulk JSON array, a form body and text/plain alike", async () => {
    const { webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    await deliver(webhookUrl, [ASHA, { ProspectID: "s2", FirstName: "Ravi", EmailAddress: "ravi@example.com" }]);
    await deliver(webhookUrl, "ProspectID=s3&FirstName=Meera&EmailAddress=meera%40example.com", "application/x-www-form-urlencoded");
    await deliver(webhookUrl, JSON.stringify({ ProspectID: "s4", FirstName: "Kiran", EmailAddress: "kiran@example.com" }), "text/plain");
    await drainAll();
    expect([...b.leads.values()].map((l) => l.EmailAddress).sort()).toEqual([
      "asha@example.com",
      "kiran@example.com",
      "meera@example.com",
      "ravi@example.com",
    ]);
    const jobs = await db.leadSyncJob.findMany({ where: { orgId }, orderBy: { receivedAt: "asc" } });
    expect(jobs.map((j) => [j.contentType, j.leadCount, j.status])).toEqual([
      ["application/json", 2, "succeeded"],
      ["application/x-www-form-urlencoded", 1, "succeeded"],
      ["text/plain", 1, "succeeded"],
    ]);
  });

  it("stores and syncs a delivery whose text carries NUL and lone surrogates, each replaced with U+FFFD", async () => {
    const { webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    const raw = String.raw`{"ProspectID":"s9","FirstName":"Asha \ud83d","LastName":"V\u0000","EmailAddress":"asha@example.com"}`;
    const job = await deliver(webhookUrl, raw);
    await drainAll();
    expect(await getJob(orgId, job.id)).toMatchObject({ status: "succeeded", created: 1 });
    expect(leadByEmail(b, "asha@example.com")).toMatchObject({ FirstName: "Asha \ufffd", LastName: "V\ufffd" });
  });

  it("creates a bulk delivery's new leads with one bulk call, failing only the lead LeadSquared refuses", async () => {
    const { job } = await syncOnce({ a, b, orgId }, baseConfig({ secondarySearchBy: null }), twentyWithOnePanTaken("Lead"));
    expect(b.requests.filter((r) => r.path.endsWith("Lead/Bulk/Create")).map((r) => (r.body as unknown[]).length)).toEqual([20]);
    expect(b.requests.filter((r) => r.path.endsWith("Lead.Create"))).toEqual([]);
    expect(job).toMatchObject({ status: "failed", created: 19, failed: 1 });
    expect(job.results[7]!.error).toBe("A lead with the same mx_PAN already exists");
    expect(b.leads.size).toBe(20);
    expect(job.results[0]!.apiUrl).toBe(`${b.baseUrl}/v2/LeadManagement.svc/Lead/Bulk/Create`);
  });

  it("posts, updates and skips activities by the activity behaviour", async () => {
    a.leads.set("src-asha", { ...ASHA });
    const config = baseConfig({
      activity: {
        enabled: true,
        behaviour: "capture",
        fields: [
          { source: "ActivityNote", destination: "ActivityNote", enabled: true, defaultValue: null, custom: false },
          { source: "ActivityEvent", destination: "ActivityEvent", enabled: true, defaultValue: "201", custom: false },
          { source: "ActivityDateTime", destination: "ActivityDateTime", enabled: true, defaultValue: null, custom: false },
          { source: "mx_Custom_1", destination: "mx_Custom_2", enabled: true, defaultValue: null, custom: true },
        ],
      },
    });
    config.activity.fields[1] = { ...config.activity.fields[1]!, source: "mx_No_Such_Field" };
    const { webhookUrl } = await makeConnector(orgId, a, b, config);
    const activity = {
      ProspectActivityId: "act-1",
      RelatedProspectId: "src-asha",
      ActivityNote: "Visited site",
      ActivityDateTime: "2026-11-23 11:00:00",
      mx_Custom_1: "3BHK",
    };
    await deliver(webhookUrl, [activity], "application/json", "eventType=LeadActivity_Post_Create");
    await drainAll();
    const lead = leadByEmail(b, "asha@example.com")!;
    expect(b.activities).toEqual([
      expect.objectContaining({
        RelatedProspectId: lead.ProspectID,
        ActivityEvent: 201,
        ActivityNote: "Visited site",
        ActivityDateTime: "2026-11-23 05:30:00",
        Fields: [{ SchemaName: "mx_Custom_2", Value: "3BHK" }],
      }),
    ]);
    await deliver(webhookUrl, [{ ...activity, mx_Custom_1: "4BHK" }], "application/json", "eventType=LeadActivity_Post_Update");
    await drainAll();
    expect(b.activities).toHaveLength(1);
    expect(b.activities[0]!.Fields).toEqual([{ SchemaName: "mx_Custom_2", Value: "4BHK" }]);
    const results = await db.leadSyncResult.findMany({ where: { orgId }, orderBy: { updatedAt: "asc" } });
    expect(results.map((r) => [r.outcome, r.activityOutcome])).toEqual([
      ["created", "created"],
      ["updated", "updated"],
    ]);
  });
});

describe("two accounts both ways", () => {
  it("settles after one round: the lead A→B wrote comes back from B's automation and is recognised as an echo", async () => {
    const ab = await makeConnector(orgId, a, b, baseConfig());
    const ba = await makeConnector(orgId, b, a, baseConfig({ name: "B to A", leadSource: "LeadSquared B" }));
    // Each account's New Lead / Lead Update automation posts to the connector that reads it.
    const pending: Promise<unknown>[] = [];
    a.setAutomation(({ lead }) => void pending.push(deliver(ab.webhookUrl, lead)));
    b.setAutomation(({ lead }) => void pending.push(deliver(ba.webhookUrl, lead)));

    // A lead is made in A by hand (its own API), which fires A's automation.
    const made = await fetch(
      `${a.baseUrl}/v2/LeadManagement.svc/Lead.Create?accessKey=${encodeURIComponent(a.accessKey)}&secretKey=${a.secretKey}`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          { Attribute: "FirstName", Value: "Asha" },
          { Attribute: "EmailAddress", Value: "asha@example.com" },
          { Attribute: "Mobile", Value: "+919876543210" },
          { Attribute: "mx_City", Value: "Pune" },
        ]),
      },
    );
    expect(made.status).toBe(200);
    for (let round = 0; round < 5; round++) {
      await new Promise((r) => setTimeout(r, 20));
      await Promise.all(pending.splice(0));
      await drainAll();
    }
    expect(pending).toEqual([]);
    expect([...a.leads.values()].map((l) => l.EmailAddress)).toEqual(["asha@example.com"]);
    expect([...b.leads.values()].map((l) => [l.EmailAddress, l.Mobile, l.mx_City, l.Source])).toEqual([
      ["asha@example.com", "+919876543210", "Pune", "LeadSquared A"],
    ]);
    const jobs = await db.leadSyncJob.findMany({ where: { orgId }, include: { results: true }, orderBy: { receivedAt: "asc" } });
    expect(jobs.map((j) => [j.connectorId, j.results.map((r) => r.outcome)])).toEqual([
      [ab.id, ["created"]],
      [ba.id, ["skipped"]],
    ]);
    expect(jobs[1]!.results[0]!.error).toMatch(/echo/i);
    expect(writesTo(a).filter((p) => p.endsWith("Lead.Create"))).toHaveLength(1);
    expect(writesTo(a).filter((p) => p.endsWith("Lead.Update"))).toEqual([]);
  });
});

describe("bulk updates", () => {
  it("updates a delivery's found leads with one Lead/Bulk/UpdateV2 call, failing only the lead LeadSquared refuses", async () => {
    for (let i = 0; i < 20; i++)
      b.leads.set(`dst-${i}`, { ProspectID: `dst-${i}`, FirstName: `Old ${i}`, EmailAddress: `lead${i}@example.com` });
    const { job } = await syncOnce({ a, b, orgId }, baseConfig({ secondarySearchBy: null }), twentyWithOnePanTaken("New"));
    const bulk = b.requests.filter((r) => r.path.endsWith("Lead/Bulk/UpdateV2") && r.status === 200);
    expect(bulk.map((r) => (r.body as { LeadPropertiesList: unknown[] }).LeadPropertiesList.length)).toEqual([20]);
    expect((bulk[0]!.body as { LeadPropertiesList: { Fields: unknown[] }[] }).LeadPropertiesList[0]!.Fields[0]).toEqual({
      Attribute: "ProspectId",
      Value: "dst-0",
    });
    expect(writesTo(b).filter((p) => p.endsWith("Lead.Update"))).toEqual([]);
    expect(job).toMatchObject({ status: "failed", updated: 19, failed: 1 });
    expect(job.results[7]!.error).toBe("A lead with the same mx_PAN already exists");
    expect(b.leads.get("dst-3")!.FirstName).toBe("New 3");
    expect(b.leads.get("dst-7")!.FirstName).toBe("Old 7");
    expect(job.results[0]!.apiUrl).toBe(`${b.baseUrl}/v2/LeadManagement.svc/Lead/Bulk/UpdateV2`);
  });
});

// Last in the file: its bulk call leaves the fake account's own bulk window (1 per 5 s) taken for a while.
describe("one lead per Search By value", () => {
  it.each([
    { mode: "single calls", others: 1 },
    { mode: "a bulk call", others: 18 },
    // 32 items: two rows of the pipeline (25 + 7), run side by side, one twin in each.
    { mode: "two rows", others: 30 },
  ])(
    "makes one lead of two items with one email in a delivery ($mode): the later updates the lead the earlier created",
    async ({ others }) => {
      const { webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
      const rest = Array.from({ length: others }, (_, i) => ({
        ProspectID: `s${i}`,
        FirstName: `Lead ${i}`,
        EmailAddress: `lead${i}@example.com`,
      }));
      const job = await deliver(webhookUrl, [
        ASHA,
        ...rest,
        { ...ASHA, ProspectID: "src-asha-2", FirstName: "Asha R.", EmailAddress: "ASHA@example.com" },
      ]);
      await drainAll();
      expect(await getJob(orgId, job.id)).toMatchObject({ status: "succeeded", created: others + 1, updated: 1 });
      const ashas = [...b.leads.values()].filter((l) => String(l.EmailAddress).toLowerCase() === "asha@example.com");
      expect(ashas.map((l) => l.FirstName)).toEqual(["Asha R."]);
      expect(b.leads.size).toBe(others + 1);
    },
  );
});
