import { beforeEach, describe, expect, it } from "vitest";
import { EXPORT_BATCH, exportCallsCsv } from "@/lib/calls/export";
import { outcomesPerDay } from "@/lib/calls/outcomes-per-day";
import { findCall, listCalls } from "@/lib/calls/queries";
import { callFiltersSchema, listCallsQuerySchema } from "@/lib/calls/schema";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";
import { createAgentRow } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";
import { seedSyntheticCalls } from "@/test/history-seed";

const NEWEST = new Date("2026-11-23T06:00:00Z");

async function twoOrganisations(count = 300) {
  const orgs = [];
  for (const prefix of ["a", "b"]) {
    const { organization } = await createOrg();
    const agents = [
      await createAgentRow(organization.id, { name: `${prefix} one` }),
      await createAgentRow(organization.id, { name: `${prefix} two` }),
    ];
    // The second organisation's calls have the same names, numbers and times: only org_id tells them apart.
    await seedSyntheticCalls({
      orgId: organization.id,
      agentIds: agents.map((a) => a.id),
      count,
      newest: NEWEST,
      spacingSeconds: 3600,
      idPrefix: `call_${prefix}`,
    });
    orgs.push({ orgId: organization.id, agents });
  }
  return orgs as [(typeof orgs)[0], (typeof orgs)[0]];
}

async function allPages(orgId: string, filters: Record<string, string>, limit = 37) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCalls(orgId, listCallsQuerySchema.parse({ ...filters, limit, ...(cursor ? { cursor } : {}) }));
    ids.push(...page.calls.map((c) => c.id));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return ids;
}

async function expectedIds(orgId: string, keep: (t: Awaited<ReturnType<typeof db.callTask.findMany>>[number]) => boolean) {
  const rows = await db.callTask.findMany({ where: { orgId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.filter(keep).map((t) => t.id);
}

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("Call History queries", () => {
  it("answer each filter and search with exactly the matching calls of the caller's organisation, newest first", async () => {
    const [a] = await twoOrganisations();
    const cases: Array<[Record<string, string>, Parameters<typeof expectedIds>[1]]> = [
      [{}, () => true],
      [{ agent_id: a.agents[1]!.id }, (t) => t.agentId === a.agents[1]!.id],
      [{ status: "failed" }, (t) => t.status === "failed"],
      [{ outcome: "busy" }, (t) => t.lastOutcome === "busy"],
      [{ crm: "hubspot" }, (t) => t.source === "hubspot"],
      [
        { from: "2026-11-20T00:00:00Z", to: "2026-11-21T12:00:00Z" },
        (t) => t.createdAt >= new Date("2026-11-20T00:00:00Z") && t.createdAt < new Date("2026-11-21T12:00:00Z"),
      ],
      [{ q: "meera" }, (t) => t.leadName!.startsWith("Meera")],
      [{ q: "MEERA iyer" }, (t) => t.leadName === "Meera Iyer"],
      [{ q: "+91 98 0000 0123" }, (t) => t.phone === "+919800000123"],
      [{ q: "098000001" }, (t) => t.phone.includes("98000001")],
      [{ q: "100000042" }, (t) => t.crmLeadId === "100000042" || t.phone.includes("100000042")],
      [{ q: "%" }, () => false],
      [
        { agent_id: a.agents[0]!.id, status: "completed", crm: "leadsquared", q: "a" },
        (t) =>
          t.agentId === a.agents[0]!.id &&
          t.status === "completed" &&
          t.source === "leadsquared" &&
          /a/i.test(`${t.leadName} ${t.crmLeadId}`),
      ],
    ];
    for (const [filters, keep] of cases) {
      const expected = await expectedIds(a.orgId, keep);
      expect(await allPages(a.orgId, filters), JSON.stringify(filters)).toEqual(expected);
    }
    const leadId = (await db.callTask.findFirstOrThrow({ where: { orgId: a.orgId, source: "leadsquared" } })).crmLeadId!;
    expect(await allPages(a.orgId, { q: leadId.slice(0, 13).toUpperCase() })).toEqual(
      await expectedIds(a.orgId, (t) => t.crmLeadId?.startsWith(leadId.slice(0, 13)) ?? false),
    );
  });

  it(
    "find a search whose few matches lie far below the newest rows, and page a common one past the rows searched first",
    { timeout: 60_000 },
    async () => {
      const { organization } = await createOrg();
      const agent = await createAgentRow(organization.id);
      await seedSyntheticCalls({
        orgId: organization.id,
        agentIds: [agent.id],
        count: 6_000,
        newest: NEWEST,
        spacingSeconds: 60,
        idPrefix: "call_d",
      });
      const old = await db.callTask.findMany({
        where: { orgId: organization.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        skip: 10,
        take: 3,
      });
      await db.callTask.updateMany({
        where: { id: { in: old.map((t) => t.id) } },
        data: { leadName: "Zed Quill", lastOutcome: "voicemail" },
      });
      const byName = (t: { leadName: string | null }) => t.leadName === "Zed Quill";
      expect(await allPages(organization.id, { q: "zed quill", outcome: "voicemail" })).toEqual(await expectedIds(organization.id, byName));
      expect(await allPages(organization.id, { q: "zed quill", outcome: "busy" })).toEqual([]);
      const meera = await expectedIds(organization.id, (t) => t.leadName!.startsWith("Meera"));
      expect(meera.length).toBeGreaterThan(250);
      expect(await allPages(organization.id, { q: "meera" }, 100)).toEqual(meera);
      expect(await allPages(organization.id, { q: "meera", outcome: "completed" }, 100)).toEqual(
        await expectedIds(organization.id, (t) => t.leadName!.startsWith("Meera") && t.lastOutcome === "completed"),
      );
    },
  );

  it("never show another organisation's calls: not in lists, searches, the chart, the export or by id", async () => {
    const [a, b] = await twoOrganisations(50);
    const all = await allPages(a.orgId, {});
    expect(all).toHaveLength(50);
    expect(all.every((id) => id.startsWith("call_a_"))).toBe(true);
    expect(await allPages(a.orgId, { agent_id: b.agents[0]!.id })).toEqual([]);
    expect((await allPages(a.orgId, { q: "+919800000007" })).every((id) => id.startsWith("call_a_"))).toBe(true);
    await expect(findCall(a.orgId, "call_b_000000007")).rejects.toMatchObject({ status: 404 });
    const chart = await outcomesPerDay(a.orgId, callFiltersSchema.parse({ from: "2026-11-20T00:00:00Z" }), NEWEST);
    expect(chart.days.reduce((n, d) => n + d.total, 0)).toBe(
      (await expectedIds(a.orgId, (t) => t.createdAt >= new Date("2026-11-20T00:00:00Z"))).length,
    );
    const csv = await new Response(await exportCallsCsv(a.orgId, {})).text();
    expect(csv).not.toContain("call_b_");
    expect(csv.trim().split("\r\n")).toHaveLength(51);
  });

  it("keep a cursor's place while new calls arrive: the next page neither repeats nor skips a row", async () => {
    const [a] = await twoOrganisations(60);
    const before = await expectedIds(a.orgId, () => true);
    const first = await listCalls(a.orgId, listCallsQuerySchema.parse({ limit: 25 }));
    await seedSyntheticCalls({
      orgId: a.orgId,
      agentIds: [a.agents[0]!.id],
      count: 10,
      newest: new Date(NEWEST.getTime() + 3_600_000),
      spacingSeconds: 1,
      idPrefix: "call_new",
    });
    const rest = await allPages(a.orgId, { cursor: first.next_cursor! }, 25);
    expect([...first.calls.map((c) => c.id), ...rest.filter((id) => !id.startsWith("call_new"))]).toEqual(before);
    expect(rest.some((id) => id.startsWith("call_new"))).toBe(false);
  });

  it("count the chart's calls per day in the organisation's zone, by last outcome", async () => {
    const [a] = await twoOrganisations(72);
    const chart = await outcomesPerDay(
      a.orgId,
      callFiltersSchema.parse({ from: "2026-11-21T00:00:00+05:30", to: "2026-11-23T00:00:00+05:30", outcome: "completed" }),
      NEWEST,
    );
    expect(chart.timezone).toBe("Asia/Kolkata");
    expect(chart.days.map((d) => d.day)).toEqual(["2026-11-21", "2026-11-22"]);
    const rows = await db.callTask.findMany({ where: { orgId: a.orgId, lastOutcome: "completed" } });
    for (const day of chart.days) {
      const start = new Date(`${day.day}T00:00:00+05:30`).getTime();
      const expected = rows.filter((t) => t.createdAt.getTime() >= start && t.createdAt.getTime() < start + 86_400_000).length;
      expect(day.counts.completed).toBe(expected);
      expect(day.total).toBe(expected);
    }
    expect(chart.days[0]!.total).toBeGreaterThan(0);
  });

  it("stream 100,000 calls as CSV one batch at a time, with every row once", { timeout: 120_000 }, async () => {
    const { organization } = await createOrg();
    const agent = await createAgentRow(organization.id);
    await seedSyntheticCalls({
      orgId: organization.id,
      agentIds: [agent.id],
      count: 100_000,
      newest: NEWEST,
      spacingSeconds: 30,
      idPrefix: "call_x",
    });
    const reader = (await exportCallsCsv(organization.id, {})).getReader();
    const decoder = new TextDecoder();
    const chunkRows: number[] = [];
    let tail = "";
    const seen = new Set<string>();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const parts = (tail + decoder.decode(r.value, { stream: true })).split("\r\n");
      tail = parts.pop()!;
      chunkRows.push(parts.length);
      for (const line of parts) seen.add(line.slice(0, line.indexOf(",")));
    }
    expect(tail).toBe("");
    seen.delete("call_id");
    expect(seen.size).toBe(100_000);
    // Pull-based with one chunk of read-ahead: each chunk is one keyset batch, so memory holds a batch, not the file.
    expect(chunkRows).toEqual([1, ...Array.from({ length: 100 }, () => EXPORT_BATCH)]);
  });
});
