/**
 * What a server log may say about an error: its class, database or Prisma code, and where it was thrown. Messages are
 * left out because drivers quote the values they choked on (Postgres's "JSON data, line 1: {"Password":…").
 */
export function errorSummary(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown (${typeof err})`;
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  return [`${err.name}${typeof code === "string" ? ` ${code}` : ""}`, ...frames.slice(0, 8)].join("\n");
}
