import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { MAX_TRIES } from "@/lib/crm-writes/backoff";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { baseConfig, deliver, drainAll, fakeAccount, leadByEmail, makeConnector } from "./lead-sync.test-support";
import { getJob, listSyncLog, retryJob, updateConnector } from "./queries";
import { leadSyncConnectorInputSchema, leadSyncLogFilterSchema, type LeadSyncConfig } from "./schema";

let a: FakeLeadSquared;
let b: FakeLeadSquared;
let orgId: string;

const ASHA = { ProspectID: "src-asha", FirstName: "Asha", LastName: "Verma", EmailAddress: "asha@example.com", Mobile: "9876543210" };
const writesTo = (account: FakeLeadSquared) =>
  account.requests.filter((r) => /Lead\.Create|Lead\.Update|Lead\/Bulk|ProspectActivity/.test(r.path)).map((r) => r.path);

async function syncOnce(config: LeadSyncConfig, body: unknown, contentType?: string) {
  const { webhookUrl, id } = await makeConnector(orgId, a, b, config);
  const job = await deliver(webhookUrl, body, contentType);
  await drainAll();
  return { connectorId: id, webhookUrl, job: await getJob(orgId, job.id) };
}

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

beforeAll(async () => {
  process.env.LEADLINE_LEADSQUARED_ALLOWED_HOSTS = "http://127.0.0.1:*";
  a = fakeAccount("a");
  b = fakeAccount("b");
  await Promise.all([a.start(), b.start()]);
});
afterAll(async () => Promise.all([a.stop(), b.stop()]));
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  for (const account of [a, b]) {
    account.leads.clear();
    account.activities.length = 0;
    account.requests.length = 0;
    account.leadEvents.length = 0;
    account.setAutomation(null);
  }
  orgId = (await createOrg()).organization.id;
});

describe("lead behaviours", () => {
  it("Capture creates a missing lead with the lead source, the default country code and dates read in the source's zone", async () => {
    const { job } = await syncOnce(baseConfig(), { ...ASHA, mx_City: "pune", mx_Preferred_Call_Time: "2026-11-23 11:00:00" });
    expect(job).toMatchObject({ status: "succeeded", created: 1, updated: 0, failed: 0, leadBehaviour: "capture" });
    const lead = leadByEmail(b, "asha@example.com")!;
    expect(lead).toMatchObject({ FirstName: "Asha", Mobile: "+919876543210", Source: "LeadSquared A", mx_City: "Pune" });
    expect(lead.mx_Preferred_Call_Time).toBe("2026-11-23 05:30:00");
    const result = job.results[0]!;
    expect(result).toMatchObject({ outcome: "created", searchField: "Mobile", destinationLeadId: lead.ProspectID });
    expect(result.apiUrl).toBe(`${b.baseUrl}/v2/LeadManagement.svc/Lead.Create`);
    expect(JSON.stringify(job)).not.toContain(b.secretKey);
    expect(a.leads.size).toBe(0);
  });

  it("Capture updates the lead the search finds, without firing LeadSquared's update automations", async () => {
    b.leads.set("dst-1", { ProspectID: "dst-1", FirstName: "Asha", EmailAddress: "asha@example.com", mx_City: "Mumbai" });
    const { job } = await syncOnce(baseConfig(), { ...ASHA, mx_City: "Pune" });
    expect(job).toMatchObject({ status: "succeeded", created: 0, updated: 1 });
    expect(b.leads.size).toBe(1);
    expect(b.leads.get("dst-1")).toMatchObject({ mx_City: "Pune", Mobile: "+919876543210" });
    expect(b.leads.get("dst-1")!.Source).toBeUndefined();
    expect(job.results[0]).toMatchObject({ outcome: "updated", searchField: "EmailAddress", destinationLeadId: "dst-1" });
    const update = b.requests.find((r) => r.path.endsWith("Lead.Update"))!;
    expect(update.query).toMatchObject({ leadId: "dst-1" });
    expect(update.query.postUpdatedLead).toBeUndefined();
    expect(b.leadEvents).toEqual([]);
  });

  it("Create only new records skips a lead that exists", async () => {
    b.leads.set("dst-1", { ProspectID: "dst-1", EmailAddress: "asha@example.com", FirstName: "Old" });
    const { job } = await syncOnce(baseConfig({ lead: { ...baseConfig().lead, behaviour: "create_only" } }), ASHA);
    expect(job).toMatchObject({ status: "succeeded", skipped: 1 });
    expect(job.results[0]!.error).toMatch(/exists and the behaviour creates only new records/);
    expect(b.leads.get("dst-1")!.FirstName).toBe("Old");
    expect(writesTo(b)).toEqual([]);
  });

  it("Update only existing records skips a lead that is not there", async () => {
    const { job } = await syncOnce(baseConfig({ lead: { ...baseConfig().lead, behaviour: "update_only" } }), ASHA);
    expect(job).toMatchObject({ status: "succeeded", skipped: 1 });
    expect(job.results[0]!.error).toBe("No lead matched by EmailAddress or Mobile and the behaviour updates only existing records");
    expect(b.leads.size).toBe(0);
  });

  it("Do nothing writes nothing and searches nothing", async () => {
    const { job } = await syncOnce(baseConfig({ lead: { ...baseConfig().lead, behaviour: "do_nothing" } }), ASHA);
    expect(job).toMatchObject({ status: "succeeded", skipped: 1, leadBehaviour: "do_nothing" });
    expect(b.requests.filter((r) => /Lead\.|Leads\.Get|RetrieveLead/.test(r.path))).toEqual([]);
    expect(b.leads.size).toBe(0);
  });
});

describe("search and mapping", () => {
  it("tries the Secondary Search By when the first finds nothing", async () => {
    b.leads.set("dst-2", { ProspectID: "dst-2", FirstName: "A.", EmailAddress: "old@example.com", Mobile: "+91-9876543210" });
    const { job } = await syncOnce(baseConfig(), ASHA);
    expect(job.results[0]).toMatchObject({
      outcome: "updated",
      searchField: "Mobile",
      searchValue: "+919876543210",
      destinationLeadId: "dst-2",
    });
    expect(b.leads.get("dst-2")).toMatchObject({ FirstName: "Asha", EmailAddress: "asha@example.com" });
    const lookups = b.requests.filter((r) => r.method === "GET" && /GetByEmailaddress|RetrieveLeadByPhoneNumber/.test(r.path));
    expect(lookups.map((r) => [r.path.split("/").pop(), r.query.emailaddress ?? r.query.phone])).toEqual([
      ["Leads.GetByEmailaddress", "asha@example.com"],
      ["RetrieveLeadByPhoneNumber", "919876543210"],
    ]);
  });

  it("Mark Unique: a custom unique field as Search By is looked up with the lead search", async () => {
    b.leads.set("dst-3", { ProspectID: "dst-3", FirstName: "Someone", mx_PAN: "ABCDE1234F" });
    const config = baseConfig({ searchBy: "mx_PAN", secondarySearchBy: null });
    const { job } = await syncOnce(config, { ...ASHA, mx_PAN: "ABCDE1234F" });
    expect(job.results[0]).toMatchObject({ outcome: "updated", searchField: "mx_PAN", destinationLeadId: "dst-3" });
    const search = b.requests.find((r) => r.path.endsWith("Leads.Get"))!;
    expect(search.body).toMatchObject({ Parameter: { LookupName: "mx_PAN", LookupValue: "ABCDE1234F", SqlOperator: "=" } });
    expect(b.leads.size).toBe(1);
  });

  it("uses a default only when the source sends nothing and the destination's field is empty", async () => {
    b.leads.set("dst-4", { ProspectID: "dst-4", EmailAddress: "kept@example.com", mx_City: "Mumbai" });
    const config = baseConfig();
    config.lead.fields = config.lead.fields.map((f) => (f.destination === "mx_City" ? { ...f, defaultValue: "Pune" } : f));
    const { webhookUrl } = await makeConnector(orgId, a, b, config);
    await deliver(webhookUrl, [
      { ...ASHA, mx_City: "" },
      { ProspectID: "src-kept", FirstName: "Kept", EmailAddress: "kept@example.com" },
    ]);
    await drainAll();
    expect(leadByEmail(b, "asha@example.com")!.mx_City).toBe("Pune");
    expect(b.leads.get("dst-4")!.mx_City).toBe("Mumbai");
    expect(b.leads.get("dst-4")!.FirstName).toBe("Kept");
  });

  it("leaves disabled fields out", async () => {
    const config = baseConfig();
    config.lead.fields = config.lead.fields.map((f) => (f.destination === "mx_Budget" ? { ...f, enabled: false } : f));
    const { job } = await syncOnce(config, { ...ASHA, mx_Budget: "85" });
    expect(job.status).toBe("succeeded");
    expect(leadByEmail(b, "asha@example.com")!.mx_Budget).toBeUndefined();
    expect(JSON.stringify(job.results[0]!.request)).not.toContain("mx_Budget");
  });
});

describe("failures", () => {
  it("fails a lead with a type mismatch, not its batch, and a retry after the fix syncs it as a fixed failure", async () => {
    const { job, connectorId } = await syncOnce(baseConfig(), [
      { ...ASHA, mx_Is_VIP: "perhaps", mx_Budget: "lots" },
      { ProspectID: "src-ravi", FirstName: "Ravi", EmailAddress: "ravi@example.com", mx_Is_VIP: "Yes" },
    ]);
    expect(job).toMatchObject({ status: "failed", created: 1, failed: 1 });
    expect(job.results[0]!.outcome).toBe("failed");
    expect(job.results[0]!.error).toContain("mx_Budget");
    expect(job.results[0]!.error).toContain('"perhaps" is not yes/no');
    expect(leadByEmail(b, "ravi@example.com")!.mx_Is_VIP).toBe("1");
    expect(leadByEmail(b, "asha@example.com")).toBeUndefined();

    const fixed = baseConfig();
    fixed.lead.fields = fixed.lead.fields.filter((f) => f.destination !== "mx_Budget" && f.destination !== "mx_Is_VIP");
    await updateConnector(
      orgId,
      connectorId,
      leadSyncConnectorInputSchema.parse({
        config: fixed,
        destination: { useIntegration: false, host: b.baseUrl },
        source: { host: a.baseUrl },
      }),
    );
    await retryJob(orgId, job.id);
    await drainAll();
    const after = await getJob(orgId, job.id);
    expect(after).toMatchObject({ status: "succeeded", runs: 2, created: 2, failed: 0 });
    expect(after.results[0]).toMatchObject({ outcome: "created", fixed: true, run: 2 });
    expect(after.results[1]).toMatchObject({ outcome: "created", fixed: false, run: 1 });
    expect(b.leads.size).toBe(2);

    const view = (v: "new" | "updated" | "failed") =>
      listSyncLog(orgId, leadSyncLogFilterSchema.parse({ view: v, range: "today" }), { zone: "Asia/Kolkata" });
    expect((await view("updated")).rows.map((r) => r.position)).toEqual([0]);
    expect((await view("new")).rows.map((r) => r.position)).toEqual([1]);
    expect((await view("failed")).rows).toEqual([]);
  });

  it("retries a 429 (also LeadSquared's 200 + MXAPIRateLimitExceededException) and a 5xx, then syncs", async () => {
    const { webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    b.failNext(1, "429", "/v2/LeadManagement.svc/Lead.Create");
    b.failNext(1, "500", "/v2/LeadManagement.svc/Lead.Create");
    const job = await deliver(webhookUrl, ASHA);
    await drainAll();
    expect((await getJob(orgId, job.id)).status).toBe("running");
    // Each retry is due after its backoff, counted from the drain's clock.
    await drainAll(10 * 60_000);
    await drainAll(30 * 60_000);
    expect(await getJob(orgId, job.id)).toMatchObject({ status: "succeeded", created: 1 });
    expect(b.leads.size).toBe(1);
  });

  it("fails the job with the reason when the destination refuses the keys, without retrying", async () => {
    const { webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    b.failNext(1, "401");
    const job = await deliver(webhookUrl, [ASHA, { ...ASHA, EmailAddress: "x@example.com" }]);
    await drainAll(60 * 60_000);
    const after = await getJob(orgId, job.id);
    expect(after).toMatchObject({ status: "failed", failed: 2 });
    expect(after.results[0]!.error).toMatch(/did not accept this Access Key/);
    expect(b.leads.size).toBe(0);
  });

  it("ends the job when the pipeline gives up on its row without running it (its last try died with its process)", async () => {
    const { webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    const job = await deliver(webhookUrl, [ASHA, { ProspectID: "src-ravi", FirstName: "Ravi", EmailAddress: "ravi@example.com" }]);
    // The server was killed mid-write on the row's last try: it is still `running`, its lease passed, and it has no tries left.
    await db.crmWrite.updateMany({
      where: { kind: "lead_sync" },
      data: { status: "running", tries: MAX_TRIES, leaseUntil: new Date(Date.now() - 1_000), lastError: "The server stopped mid-write" },
    });
    await drainAll();
    const failed = await getJob(orgId, job.id);
    expect(failed).toMatchObject({ status: "failed", failed: 2 });
    expect(failed.results.map((r) => r.error)).toEqual(Array(2).fill(`The server stopped mid-write (gave up after ${MAX_TRIES} tries)`));
    expect(b.leads.size).toBe(0);

    await retryJob(orgId, job.id);
    await drainAll();
    expect(await getJob(orgId, job.id)).toMatchObject({ status: "succeeded", runs: 2, created: 2, failed: 0 });
    expect(b.leads.size).toBe(2);
  });
});

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
    const { job } = await syncOnce(baseConfig({ secondarySearchBy: null }), twentyWithOnePanTaken("Lead"));
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
    const { job } = await syncOnce(baseConfig({ secondarySearchBy: null }), twentyWithOnePanTaken("New"));
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
