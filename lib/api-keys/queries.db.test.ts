import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { API_KEY_CACHE_MS, authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/queries";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

beforeEach(() => truncateAll(process.env.DATABASE_URL!));
afterEach(() => void vi.useRealTimers());

describe("API keys", () => {
  it("are shown whole once, stored only as a hash, and listed by prefix", async () => {
    const { organization } = await createOrg();
    const { key, apiKey } = await createApiKey({ orgId: organization.id, name: "LeadSquared webhook" });
    expect(key).toMatch(/^ll_[0-9a-z]{12}_[0-9a-z]{32}$/);

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id }, select: { secretHash: true, prefix: true } });
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.split("_")[2]);

    const listed = await listApiKeys(organization.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.prefix).toBe(`ll_${stored.prefix}_…`);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed[0]).not.toHaveProperty("secretHash");
  });

  it("authenticate to their organisation and record when they were last used", async () => {
    const { organization } = await createOrg();
    const { key, apiKey } = await createApiKey({ orgId: organization.id, name: "k" });
    expect(await authenticateApiKey(key)).toEqual({ orgId: organization.id, keyId: apiKey.id, keyName: "k" });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("reject missing, malformed and wrong keys with a 401 that says which", async () => {
    const { organization } = await createOrg();
    const { key } = await createApiKey({ orgId: organization.id, name: "k" });
    const wrongSecret = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");

    expect((await errorOf(authenticateApiKey(null))).code).toBe("missing_api_key");
    expect((await errorOf(authenticateApiKey("not-a-key"))).code).toBe("invalid_api_key");
    const wrong = await errorOf(authenticateApiKey(wrongSecret));
    expect([wrong.status, wrong.code]).toEqual([401, "invalid_api_key"]);
  });

  it("stop working at once when revoked, and stay listed as revoked", async () => {
    const { organization } = await createOrg();
    const { key, apiKey } = await createApiKey({ orgId: organization.id, name: "k" });
    await authenticateApiKey(key);
    const revoked = await revokeApiKey(organization.id, apiKey.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const err = await errorOf(authenticateApiKey(key));
    expect([err.status, err.code]).toEqual([401, "revoked_api_key"]);
    expect((await listApiKeys(organization.id))[0]!.revokedAt).toEqual(revoked.revokedAt);
  });

  it("revoked by another process, stop working here within the cache's time", async () => {
    const { organization } = await createOrg();
    const { key, apiKey } = await createApiKey({ orgId: organization.id, name: "k" });
    vi.useFakeTimers({ toFake: ["Date"] });
    await authenticateApiKey(key);
    // Another server process revokes it: this one does not hear of it.
    await db.apiKey.update({ where: { id: apiKey.id }, data: { revokedAt: new Date() } });
    vi.setSystemTime(Date.now() + API_KEY_CACHE_MS - 1);
    expect((await authenticateApiKey(key)).keyId).toBe(apiKey.id);
    vi.setSystemTime(Date.now() + 1);
    expect((await errorOf(authenticateApiKey(key))).code).toBe("revoked_api_key");
  });

  it("belong to one organisation: another cannot list or revoke them", async () => {
    const a = await createOrg();
    const b = await createOrg();
    const { apiKey, key } = await createApiKey({ orgId: a.organization.id, name: "a's key" });
    expect(await listApiKeys(b.organization.id)).toEqual([]);
    const err = await errorOf(revokeApiKey(b.organization.id, apiKey.id));
    expect(err.status).toBe(404);
    expect((await authenticateApiKey(key)).orgId).toBe(a.organization.id);
  });
});
