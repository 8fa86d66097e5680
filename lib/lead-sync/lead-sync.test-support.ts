import {
  createFakeLeadSquared,
  FAKE_LSQ_FIELDS,
  FAKE_LSQ_USER,
  type FakeLead,
  type FakeLeadField,
  type FakeLeadSquared,
} from "@/e2e/support/fakes/leadsquared";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { drainWrites } from "@/lib/crm-writes/drain";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { createConnector, getJob, setConnectorEnabled } from "./queries";
import { authenticateConnector } from "./queries";
import { receiveDelivery } from "./receive";
import { leadSyncConnectorInputSchema, type LeadSyncConfig } from "./schema";

/** The destination's extra fields: a yes/no field and a custom field marked unique (for Mark Unique). */
export const EXTRA_FIELDS: FakeLeadField[] = [
  { SchemaName: "mx_Is_VIP", DisplayName: "Is VIP", DataType: "Boolean", IsMandatory: false },
  { SchemaName: "mx_PAN", DisplayName: "PAN", DataType: "Text", IsMandatory: false, MaxLength: "10" },
];

/** One fake LeadSquared account with its own keys, organisation id, leads, fields and limits. */
export function fakeAccount(name: string, leads: FakeLead[] = [], rateLimit: { limit?: number } = { limit: 500 }): FakeLeadSquared {
  return createFakeLeadSquared({
    accessKey: `u$r-${name}-access-key-0000`,
    secretKey: `${name}-secret-key-0123456789abcdef`,
    user: { ...FAKE_LSQ_USER, OrgId: `org-${name}`, OrgShortCode: `org-${name}`, OrgDisplayName: `Account ${name}` },
    fields: [...FAKE_LSQ_FIELDS, ...EXTRA_FIELDS],
    leads,
    uniqueFields: ["mx_PAN"],
    // Set-up calls (connector checks) are not paced by the pipeline's budget, so tests allow more; the bench uses 25.
    rateLimit,
  });
}

const mapped = (...names: string[]) => names.map((n) => ({ source: n, destination: n, enabled: true, defaultValue: null, custom: false }));

export function baseConfig(overrides: Partial<LeadSyncConfig> = {}): LeadSyncConfig {
  return {
    name: "A to B",
    leadSource: "LeadSquared A",
    defaultCountryCode: "91",
    sourceTimeZone: "Asia/Kolkata",
    searchBy: "EmailAddress",
    secondarySearchBy: "Mobile",
    notifyUserId: null,
    notify: false,
    lead: {
      behaviour: "capture",
      fields: mapped(
        "FirstName",
        "LastName",
        "EmailAddress",
        "Mobile",
        "mx_City",
        "mx_Budget",
        "mx_Preferred_Call_Time",
        "mx_PAN",
        "mx_Is_VIP",
      ),
    },
    activity: { enabled: false, behaviour: "capture", fields: [] },
    ...overrides,
  };
}

export async function makeConnector(orgId: string, source: FakeLeadSquared, destination: FakeLeadSquared, config: LeadSyncConfig) {
  const input = leadSyncConnectorInputSchema.parse({
    config,
    destination: { useIntegration: false, host: destination.baseUrl, accessKey: destination.accessKey, secretKey: destination.secretKey },
    source: { host: source.baseUrl, accessKey: source.accessKey, secretKey: source.secretKey },
  });
  const { connector, webhookUrl } = await createConnector(orgId, null, input);
  await setConnectorEnabled(orgId, connector.id, true);
  return { id: connector.id, webhookUrl };
}

/** Posts a delivery as the source's automation would, through the URL's id and secret. */
export async function deliver(webhookUrl: string, body: unknown, contentType = "application/json", query = "") {
  const [id, secret] = new URL(webhookUrl).pathname.split("/").slice(-2) as [string, string];
  const connector = await authenticateConnector(id, secret);
  if (!connector) throw new Error("the webhook URL did not authenticate");
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const outcome = await receiveDelivery({ connector, raw, contentType, query: new URLSearchParams(query) });
  if (outcome.kind !== "stored") throw new Error(`expected a stored job, got ${outcome.kind}`);
  return outcome.job;
}

/** Drains the pipeline until nothing is due, `aheadMs` in the future (to reach rows waiting for a backoff). */
export async function drainAll(aheadMs = 0) {
  for (let i = 0; i < 20; i++) {
    const result = await drainWrites({ now: () => new Date(Date.now() + aheadMs) });
    if (result.claimed === 0) return;
  }
  throw new Error("the pipeline did not settle");
}

/** The account's leads that match, by email. */
export function leadByEmail(account: FakeLeadSquared, email: string): FakeLead | undefined {
  return [...account.leads.values()].find((l) => l.EmailAddress === email);
}

export type TwoAccounts = { a: FakeLeadSquared; b: FakeLeadSquared; orgId: string };

/**
 * Two fake accounts for a test file, `a` the source and `b` the destination (named `names`), started once; before
 * each test the database and both accounts are emptied and a new organisation made. `use` is handed them each time.
 */
export function withTwoAccounts(use: (accounts: TwoAccounts) => void, names: [string, string] = ["a", "b"]) {
  let a: FakeLeadSquared;
  let b: FakeLeadSquared;
  beforeAll(async () => {
    process.env.LEADLINE_LEADSQUARED_ALLOWED_HOSTS = "http://127.0.0.1:*";
    a = fakeAccount(names[0]);
    b = fakeAccount(names[1]);
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
    use({ a, b, orgId: (await createOrg()).organization.id });
  });
}

/** A source lead with every kind of field the tests map. */
export const ASHA = {
  ProspectID: "src-asha",
  FirstName: "Asha",
  LastName: "Verma",
  EmailAddress: "asha@example.com",
  Mobile: "9876543210",
};

/** The write requests an account received, in order. */
export const writesTo = (account: FakeLeadSquared) =>
  account.requests.filter((r) => /Lead\.Create|Lead\.Update|Lead\/Bulk|ProspectActivity/.test(r.path)).map((r) => r.path);

/** A new connector from `a` to `b` with `config`, one delivery of `body`, drained: the job as it ended. */
export async function syncOnce({ a, b, orgId }: TwoAccounts, config: LeadSyncConfig, body: unknown, contentType?: string) {
  const { webhookUrl, id } = await makeConnector(orgId, a, b, config);
  const job = await deliver(webhookUrl, body, contentType);
  await drainAll();
  return { connectorId: id, webhookUrl, job: await getJob(orgId, job.id) };
}
