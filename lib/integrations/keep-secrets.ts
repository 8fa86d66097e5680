/**
 * Secrets for an update: each given one replaces the stored one, each left empty keeps it. Fails with the required
 * secrets that are neither given nor stored.
 */
export function keepStoredSecrets<K extends string, R extends K>(
  given: Partial<Record<K, string | undefined>>,
  stored: Partial<Record<K, string | undefined>> | null,
  names: readonly K[],
  required: readonly R[],
): { ok: true; secrets: Partial<Record<K, string>> & Record<R, string> } | { ok: false; missing: R[] } {
  const secrets: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = given[name] || stored?.[name];
    if (value) secrets[name] = value;
  }
  const missing = required.filter((name) => !secrets[name]);
  return missing.length ? { ok: false, missing } : { ok: true, secrets: secrets as Partial<Record<K, string>> & Record<R, string> };
}
