import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { createAgent, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { sql } from "../support/sql";

// Thousands of generated requests against the running server: whatever a caller sends, the answer is never a 5xx,
// a refused request leaves no call behind, and every authenticated request is in the delivery log.
const SEED = 20261206;
const REQUESTS = 3_000;
const PARALLEL = 8;
// This machine is shared: the run stops sending at the budget and must still have sent at least MIN_REQUESTS.
const BUDGET_MS = 60_000;
const MIN_REQUESTS = 500;

let api: APIRequestContext;
let key: string;
let agentId: string;
let bulkAgentId: string;

/** A calling window starting two hours from now in Kolkata: the fuzz agent's calls wait for it instead of loading the dialer. */
function laterWindow() {
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kolkata", hour: "2-digit", hourCycle: "h23" }).format(new Date()));
  const at = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
  return { min_trigger_time: at(hour + 2), max_trigger_time: at(hour + 3), carry_over: "true" };
}

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({ api, key } = await organisationWithKey(playwright, baseURL!));
  agentId = (await createAgent(api, { scheduleDefaults: laterWindow() })).id;
  bulkAgentId = (await createAgent(api, { name: "Bulk caller" })).id;
  const variables = [
    { name: "name", source: "leadsquared", field: "FirstName" },
    { name: "phone", source: "leadsquared", field: "Phone" },
  ];
  for (const id of [agentId, bulkAgentId])
    expect((await api.put(`/api/v1/agents/${id}/variables`, { data: { variables } })).status()).toBe(200);
});

const NASTY_TEXT = [
  "\ud83d",
  "\udc00x",
  "a\u0000b",
  "\u0000",
  "😀",
  "\uFEFF",
  "Ω≈ç√",
  "",
  " ",
  "null",
  "x".repeat(5_000),
  "<script>",
  "%00",
  "'; DROP TABLE call_tasks;--",
];
const text = fc.oneof(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: "binary", maxLength: 30 }), fc.string({ maxLength: 12 }));
const junk = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));
const phone = fc.oneof(fc.constantFrom("+919876543210", "9876543211", "0", "call me", "+1 (415) 555-0100"), junk);
const leadObject = fc.record(
  {
    ProspectID: fc.oneof(text, fc.integer(), fc.uuid()),
    FirstName: junk,
    Phone: phone,
    DoNotCall: fc.constantFrom("0", "1", true, "Yes", null),
  },
  { requiredKeys: [] },
);
// encodeURIComponent throws on lone surrogates; the URL's own surrogate cases are the percent-encoded ones above.
const wellFormed = (s: string) => s.replace(/[\ud800-\udfff]/g, "");
const deep = (n: number) => `{"ProspectID":"deep","Phone":"+919876543212","x":${"[".repeat(n)}${"]".repeat(n)}}`;

// JSON.stringify writes lone surrogates as \ud83d escapes and NUL as \u0000: exactly the inputs that once failed the store.
const body = fc.oneof(
  leadObject.map((l) => JSON.stringify(l)),
  fc.array(fc.oneof(leadObject, junk), { maxLength: 12 }).map((a) => JSON.stringify(a)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(deep(5_000), deep(33), `[${deep(200)}]`, "[".repeat(5_000), "{", "", "   ", "\uFEFF{}", "[]", "{}", "null", "42"),
  fc.dictionary(text, text, { maxKeys: 6 }).map((d) => `&${new URLSearchParams(d as Record<string, string>)}`),
  fc.constantFrom("&Phone=9876543213&Password=x", "ProspectID=a%00b&Phone=9876543214", "=&=&&", "%zz=%zz", "Phone=%ED%A0%BD"),
  fc.string({ unit: "binary", maxLength: 200 }),
);
const digits = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String), fc.integer({ min: 0 }), junk);
const hubSpotEvent = fc.record(
  {
    eventId: digits,
    portalId: digits,
    occurredAt: digits,
    subscriptionType: fc.oneof(fc.constantFrom("contact.creation", "object.creation", "contact.propertyChange"), text),
    objectId: digits,
    objectTypeId: fc.constantFrom("0-1", "0-2", null),
    propertyName: text,
  },
  { requiredKeys: [] },
);
const hubSpotBody = fc.array(fc.oneof(hubSpotEvent, junk), { maxLength: 8 }).map((a) => JSON.stringify(a));

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "text/json",
  "application/vnd.api+json",
  ";;;",
  "",
  null,
);
const extraParam = fc.oneof(
  fc.constantFrom(
    "&entityId=abc%00def",
    "&eventType=Lead_Post_Create",
    "&eventType=Lead_Post_Create&eventType=Lead_Post_Update",
    "&entityType=",
    "&&&",
    "&=",
    "&agent_id=",
    "&num_of_retries=1&num_of_retries=2",
    "&num_of_retries=99",
    "&gap_between_retries=abc&num_of_retries=1",
    "&min_trigger_time=25:00",
    "&timezone=%00",
    "&timezone=Mars/Base",
    "&type=hubspot",
    "&type=salesforce",
    "&carry_over=%ED%A0%BD",
    "&%zz=%zz",
  ),
  fc.tuple(text, text).map(([k, v]) => `&${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`),
);
type Auth = "key" | "header" | "wrong" | "foreign-agent";
const request = fc.record({
  crm: fc.constantFrom("leadsquared", "leadsquared", "hubspot"),
  auth: fc.constantFrom<Auth>("key", "key", "key", "header", "wrong", "foreign-agent"),
  extra: fc.array(extraParam, { maxLength: 3 }).map((a) => a.join("")),
  contentType,
  body: fc.oneof(body, hubSpotBody),
});

test("thousands of generated bodies, content types and query strings never get a 5xx nor leave a refused row", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const cases = fc.sample(request, { numRuns: REQUESTS, seed: SEED });
  const started = Date.now();
  const answers: Array<{ auth: Auth; status: number; results: Array<{ status: string; callId?: string }> }> = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cases.length && Date.now() - started < BUDGET_MS; i = next++) {
      const c = cases[i]!;
      const agent = c.auth === "foreign-agent" ? "agt_notyours" : agentId;
      const keyParam =
        c.auth === "key" ? `&x_api_key=${key}` : c.auth === "wrong" ? "&x_api_key=ll_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" : "";
      const headers: Record<string, string> = c.contentType === null ? {} : { "content-type": c.contentType };
      if (c.auth === "header" || c.auth === "foreign-agent") headers["x-api-key"] = key;
      // Node's own fetch over keep-alive: Playwright's request context relays each request through its driver.
      const res = await fetch(`${baseURL}/api/call/crm-webhook?agent_id=${agent}&type=${c.crm}${keyParam}${c.extra}`, {
        method: "POST",
        headers,
        body: Buffer.from(c.body, "utf8"),
      });
      const json = (await res.json().catch(() => ({}))) as { results?: Array<{ status: string; callId?: string }> };
      answers.push({ auth: c.auth, status: res.status, results: json.results ?? [] });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = (Date.now() - started) / 1000;
  const statuses = answers.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {});
  console.log(`fuzz: ${answers.length} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(statuses)}`);

  expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  // The generator reaches every kind of answer, so the checks below are not vacuous.
  for (const status of [200, 400, 401, 404, 415]) expect(statuses[status] ?? 0).toBeGreaterThan(0);
  expect(answers.filter((a) => a.auth === "wrong").every((a) => a.status === 401)).toBe(true);

  // Every authenticated request is logged once, refusals included; unauthenticated ones leave nothing.
  const authenticated = answers.filter((a) => a.auth !== "wrong").length;
  const [logged] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM deliveries");
  expect(logged!.n).toBe(authenticated);
  const refusedWithRows = await sql(
    `SELECT 1 FROM deliveries d WHERE d.status = 'error'
       AND (EXISTS (SELECT 1 FROM delivery_leads l WHERE l.delivery_id = d.id) OR EXISTS (SELECT 1 FROM call_tasks c WHERE c.delivery_id = d.id))`,
  );
  expect(refusedWithRows).toHaveLength(0);
  const refusedStatuses = await sql<{ http_status: number }>("SELECT DISTINCT http_status FROM deliveries WHERE status = 'error'");
  expect(refusedStatuses.every((r) => r.http_status >= 400 && r.http_status < 500)).toBe(true);

  // Each new call answered is one row, and there are no others.
  const accepted = new Set(answers.flatMap((a) => a.results.filter((r) => r.status === "accepted").map((r) => r.callId!)));
  const [calls] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM call_tasks");
  expect(calls!.n).toBe(accepted.size);
  expect(answers.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
});

test("every good lead of a bulk mixed with generated junk is stored and called", async ({ request: http }) => {
  test.setTimeout(90_000);
  const bulks = fc.sample(fc.array(fc.oneof(leadObject, junk), { minLength: 1, maxLength: 20 }), { numRuns: 25, seed: SEED });
  const goodIds: string[] = [];
  for (const [n, items] of bulks.entries()) {
    const good = Array.from({ length: 4 }, (_, i) => ({
      ProspectID: `mix-${n}-${i}`,
      FirstName: "Asha",
      // The simulator answers numbers ending 5000–5099 (0000–0004 are its failure numbers).
      Phone: `+91987654${5000 + n * 4 + i}`,
    }));
    goodIds.push(...good.map((g) => g.ProspectID));
    const mixed = [...items.slice(0, 10), good[0], good[1], ...items.slice(10), good[2], good[3]];
    const res = await http.post(`/api/call/crm-webhook?agent_id=${bulkAgentId}&type=leadsquared&x_api_key=${key}`, {
      headers: { "content-type": "application/json" },
      data: Buffer.from(JSON.stringify(mixed)),
    });
    expect(res.status()).toBe(200);
    const results = (await res.json()).results as Array<{ crmId: string | null; status: string }>;
    expect(results).toHaveLength(mixed.length);
    for (const g of good) expect(results.find((r) => r.crmId === g.ProspectID)?.status).toBe("accepted");
  }
  // Called: every good lead's call has been dialed (the simulator then answers it).
  const deadline = Date.now() + 60_000;
  let done = 0;
  while (Date.now() < deadline) {
    const [row] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM call_tasks t
       WHERE t.crm_lead_id = ANY($1) AND EXISTS (SELECT 1 FROM call_attempts a WHERE a.task_id = t.id AND a.dialed_at IS NOT NULL)`,
      [goodIds],
    );
    done = row!.n;
    if (done === goodIds.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(done).toBe(goodIds.length);
});
