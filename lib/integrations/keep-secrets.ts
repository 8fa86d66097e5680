/**
 * Secrets for an update: each given one replaces the stored one, each left empty keeps it. `missing` names the
 * required secrets that are neither given nor stored.
 */
export function keepStoredSecrets<K extends string>(
  given: Partial<Record<K, string | undefined>>,
  stored: Partial<Record<K, string | undefined>> | null,
  names: readonly K[],
  required: readonly K[],
): { secrets: Partial<Record<K, string>>; missing: K[] } {
  const secrets: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = given[name] || stored?.[name];
    if (value) secrets[name] = value;
  }
  return { secrets, missing: required.filter((name) => !secrets[name]) };
}
