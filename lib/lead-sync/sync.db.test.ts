// Lead Sync from one LeadSquared account to another: the lead behaviours, search and mapping, and failures.
import { describe, expect, it } from "vitest";
import type { FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { MAX_TRIES } from "@/lib/crm-writes/backoff";
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
import { getJob, listSyncLog, retryJob, updateConnector } from "./queries";
import { leadSyncConnectorInputSchema, leadSyncLogFilterSchema } from "./schema";

let a: FakeLeadSquared;
let b: FakeLeadSquared;
let orgId: string;
withTwoAccounts((accounts) => ({ a, b, orgId } = accounts));

describe("lead behaviours", () => {
  it("Capture creates a missing lead with the lead source, the default country code and dates read in the source's zone", async () => {
    const { job } = await syncOnce({ a, b, orgId }, baseConfig(), {
      ...ASHA,
      mx_City: "pune",
      mx_Preferred_Call_Time: "2026-11-23 11:00:00",
    });
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
    const { job } = await syncOnce({ a, b, orgId }, baseConfig(), { ...ASHA, mx_City: "Pune" });
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
    const { job } = await syncOnce({ a, b, orgId }, baseConfig({ lead: { ...baseConfig().lead, behaviour: "create_only" } }), ASHA);
    expect(job).toMatchObject({ status: "succeeded", skipped: 1 });
    expect(job.results[0]!.error).toMatch(/exists and the behaviour creates only new records/);
    expect(b.leads.get("dst-1")!.FirstName).toBe("Old");
    expect(writesTo(b)).toEqual([]);
  });

  it("Update only existing records skips a lead that is not there", async () => {
    const { job } = await syncOnce({ a, b, orgId }, baseConfig({ lead: { ...baseConfig().lead, behaviour: "update_only" } }), ASHA);
    expect(job).toMatchObject({ status: "succeeded", skipped: 1 });
    expect(job.results[0]!.error).toBe("No lead matched by EmailAddress or Mobile and the behaviour updates only existing records");
    expect(b.leads.size).toBe(0);
  });

  it("Do nothing writes nothing and searches nothing", async () => {
    const { job } = await syncOnce({ a, b, orgId }, baseConfig({ lead: { ...baseConfig().lead, behaviour: "do_nothing" } }), ASHA);
    expect(job).toMatchObject({ status: "succeeded", skipped: 1, leadBehaviour: "do_nothing" });
    expect(b.requests.filter((r) => /Lead\.|Leads\.Get|RetrieveLead/.test(r.path))).toEqual([]);
    expect(b.leads.size).toBe(0);
  });
});

describe("search and mapping", () => {
  it("tries the Secondary Search By when the first finds nothing", async () => {
    b.leads.set("dst-2", { ProspectID: "dst-2", FirstName: "A.", EmailAddress: "old@example.com", Mobile: "+91-9876543210" });
    const { job } = await syncOnce({ a, b, orgId }, baseConfig(), ASHA);
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
    const { job } = await syncOnce({ a, b, orgId }, config, { ...ASHA, mx_PAN: "ABCDE1234F" });
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
    const { job } = await syncOnce({ a, b, orgId }, config, { ...ASHA, mx_Budget: "85" });
    expect(job.status).toBe("succeeded");
    expect(leadByEmail(b, "asha@example.com")!.mx_Budget).toBeUndefined();
    expect(JSON.stringify(job.results[0]!.request)).not.toContain("mx_Budget");
  });
});

describe("failures", () => {
  it("fails a lead with a type mismatch, not its batch, and a retry after the fix syncs it as a fixed failure", async () => {
    const { job, connectorId } = await syncOnce({ a, b, orgId }, baseConfig(), [
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
