import { describe, expect, it } from "vitest";
import type { FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { ApiError } from "@/lib/http/errors";
import { db } from "@/lib/db";
import { createMember } from "@/lib/orgs/queries";
import { removeMember } from "@/lib/orgs/remove-member";
import { createMemberSchema } from "@/lib/orgs/schema";
import { createOrg } from "@/test/factories";
import { baseConfig, deliver, makeConnector, withTwoAccounts } from "./lead-sync.test-support";
import {
  authenticateConnector,
  createConnector,
  deleteConnector,
  getConnectorWebhookUrl,
  listConnectors,
  listJobs,
  retryJob,
  rotateConnectorSecret,
  setConnectorEnabled,
} from "./queries";
import { canManageLeadSync, setLeadSyncAccess, setLeadSyncUserGrant } from "./access";
import { leadSyncConnectorInputSchema, leadSyncLogFilterSchema } from "./schema";

let a: FakeLeadSquared;
let b: FakeLeadSquared;
let orgId: string;

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

withTwoAccounts((accounts) => ({ a, b, orgId } = accounts), ["qa", "qb"]);

describe("connectors", () => {
  it("stores both accounts' fields, answers keys only as hints, and its URL authenticates until the secret is rotated", async () => {
    const { id, webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    const [listed] = await listConnectors(orgId);
    expect(listed).toMatchObject({
      id,
      enabled: true,
      destination: { useIntegration: false, accountId: "org-qb" },
      source: { accountId: "org-qa" },
    });
    expect(listed!.destination.keys).toEqual({ accessKey: `••••${b.accessKey.slice(-4)}`, secretKey: `••••${b.secretKey.slice(-4)}` });
    expect(listed!.destinationFields.map((f) => f.schemaName)).toContain("mx_PAN");
    expect(JSON.stringify(listed)).not.toContain(b.secretKey);
    expect(JSON.stringify(listed)).not.toContain(a.secretKey);
    expect(await getConnectorWebhookUrl(orgId, id)).toBe(webhookUrl);
    const [, secret] = new URL(webhookUrl).pathname.split("/").slice(-2);
    expect(await authenticateConnector(id, secret!)).not.toBeNull();
    expect(await authenticateConnector(id, "x".repeat(secret!.length))).toBeNull();
    const next = await rotateConnectorSecret(orgId, id);
    expect(await authenticateConnector(id, secret!)).toBeNull();
    expect(next).not.toBe(webhookUrl);
    const other = (await createOrg()).organization.id;
    expect((await errorOf(deleteConnector(other, id))).status).toBe(404);
    await deleteConnector(orgId, id);
    expect(await listConnectors(orgId)).toEqual([]);
  });

  it("refuses the same account on both sides and rejected keys, naming the field to fix", async () => {
    const same = leadSyncConnectorInputSchema.parse({
      config: baseConfig(),
      destination: { useIntegration: false, host: a.baseUrl, accessKey: a.accessKey, secretKey: a.secretKey },
      source: { host: a.baseUrl, accessKey: a.accessKey, secretKey: a.secretKey },
    });
    expect((await errorOf(createConnector(orgId, null, same))).code).toBe("same_account");
    const wrong = leadSyncConnectorInputSchema.parse({
      ...same,
      source: { host: b.baseUrl, accessKey: "wrong-key-000000", secretKey: "wrong" },
    });
    const err = await errorOf(createConnector(orgId, null, wrong));
    expect(err.details).toEqual([{ field: "source.accessKey", message: expect.stringContaining("did not accept") }]);
    const noIntegration = leadSyncConnectorInputSchema.parse({ ...same, destination: { useIntegration: true } });
    expect((await errorOf(createConnector(orgId, null, noIntegration))).code).toBe("not_connected");
  });

  it("stores a disabled sync's delivery as a failed job that a retry runs once enabled", async () => {
    const { id, webhookUrl } = await makeConnector(orgId, a, b, baseConfig());
    await setConnectorEnabled(orgId, id, false);
    const job = await deliver(webhookUrl, { FirstName: "Asha", EmailAddress: "asha@example.com" });
    expect(job).toMatchObject({ status: "failed", leadCount: 1, error: expect.stringContaining("disabled") });
    const filter = leadSyncLogFilterSchema.parse({ range: "today", jobStatus: "failure" });
    expect((await listJobs(orgId, filter, { zone: "Asia/Kolkata" })).jobs.map((j) => j.id)).toEqual([job.id]);
    await setConnectorEnabled(orgId, id, true);
    expect(await retryJob(orgId, job.id)).toMatchObject({ status: "queued", runs: 2, error: null });
    expect((await errorOf(retryJob(orgId, job.id))).code).toBe("not_failed");
  });
});

describe("who may manage Lead Sync", () => {
  it("admins always; members by role, or by their own grant in user mode", async () => {
    const admin = { id: "x", role: "admin" as const };
    const member = await createMember(
      orgId,
      createMemberSchema.parse({ name: "Mo", email: "mo@example.com", password: "correct horse battery", role: "member" }),
    );
    const asMember = { id: member.id, role: "member" as const };
    expect(await canManageLeadSync(orgId, admin)).toBe(true);
    expect(await canManageLeadSync(orgId, asMember)).toBe(false);
    await setLeadSyncAccess(orgId, { mode: "role", roles: ["member"] });
    expect(await canManageLeadSync(orgId, asMember)).toBe(true);
    await setLeadSyncAccess(orgId, { mode: "user", roles: [] });
    expect(await canManageLeadSync(orgId, asMember)).toBe(false);
    expect((await setLeadSyncUserGrant(orgId, member.id, true)).grantedUserIds).toEqual([member.id]);
    expect(await canManageLeadSync(orgId, asMember)).toBe(true);
    const other = (await createOrg()).organization.id;
    expect((await errorOf(setLeadSyncUserGrant(other, member.id, true))).status).toBe(404);
    // A grant goes with its member: removed with them, so nobody later given that id inherits it.
    const admins = await db.user.findFirstOrThrow({ where: { orgId, role: "admin" } });
    await removeMember({ orgId, memberId: member.id, actorId: admins.id });
    expect(await db.leadSyncUserGrant.count({ where: { userId: member.id } })).toBe(0);
  });
});
