import "server-only";
import { displayPrefix, generateApiKey, parseApiKey, secretMatches } from "@/lib/api-keys/key-format";
import { db } from "@/lib/db";
import { readCache } from "@/lib/db/read-cache";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";

export type ApiKeyCaller = { orgId: string; keyId: string; keyName: string };

// Writing last-used on every request would add a write to the webhook's hot path; a minute's precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

/** How long another process may still accept a key revoked here (this process forgets it at once). */
export const API_KEY_CACHE_MS = 2_000;
const keysByPrefix = readCache<
  string,
  { id: string; orgId: string; name: string; revokedAt: Date | null; lastUsedAt: Date | null; secretHash: string }
>({ ttlMs: API_KEY_CACHE_MS, sharedAs: "api-keys" });

const listFields = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

function present(row: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) {
  return { ...row, prefix: displayPrefix(row.prefix) };
}

export async function createApiKey(input: { orgId: string; name: string; createdById?: string }) {
  const generated = generateApiKey();
  const row = await db.apiKey.create({
    data: {
      id: newId("key"),
      orgId: input.orgId,
      name: input.name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      createdById: input.createdById,
    },
    select: listFields,
  });
  return { apiKey: present(row), key: generated.key };
}

export async function listApiKeys(orgId: string) {
  const rows = await db.apiKey.findMany({ where: { orgId }, orderBy: { createdAt: "desc" }, select: listFields });
  return rows.map(present);
}

export async function revokeApiKey(orgId: string, id: string) {
  const { count } = await db.apiKey.updateMany({ where: { id, orgId, revokedAt: null }, data: { revokedAt: new Date() } });
  keysByPrefix.forget((_, key) => key.id === id);
  if (count === 0) {
    const exists = await db.apiKey.count({ where: { id, orgId } });
    if (!exists) throw new ApiError(404, "not_found", `No API key ${id} in your organisation.`);
  }
  const row = await db.apiKey.findFirstOrThrow({ where: { id, orgId }, select: listFields });
  return present(row);
}

export function missingApiKeyError(): ApiError {
  return new ApiError(401, "missing_api_key", "Send your Leadline API key in the X-API-KEY header (create one under API keys).");
}

/** Resolves a presented key to its organisation, or throws a 401 that says what is wrong. */
export async function authenticateApiKey(presented: string | null | undefined): Promise<ApiKeyCaller> {
  if (!presented) throw missingApiKeyError();
  const parsed = parseApiKey(presented);
  if (!parsed) throw new ApiError(401, "invalid_api_key", "The API key is not valid. Copy it again from API keys; it starts with ll_.");
  const row = await keysByPrefix.get(parsed.prefix, () =>
    db.apiKey.findUnique({
      where: { prefix: parsed.prefix },
      select: { id: true, orgId: true, name: true, revokedAt: true, lastUsedAt: true, secretHash: true },
    }),
  );
  if (!row || !secretMatches(parsed.secret, row.secretHash)) {
    throw new ApiError(401, "invalid_api_key", "The API key is not valid. Copy it again from API keys; it starts with ll_.");
  }
  if (row.revokedAt) throw new ApiError(401, "revoked_api_key", "This API key was revoked. Create a new one under API keys.");
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    row.lastUsedAt = new Date(now);
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: row.lastUsedAt } });
  }
  return { orgId: row.orgId, keyId: row.id, keyName: row.name };
}
