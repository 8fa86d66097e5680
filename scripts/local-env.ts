import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrate";
import pg from "pg";
import { EMBEDDED_CREDENTIALS, freePort, startEmbeddedPostgres, type RunningPostgres } from "./postgres";

export const DATA_DIR = path.resolve(process.env.LEADLINE_DATA_DIR ?? ".data");

type Secrets = { NEXTAUTH_SECRET: string; LEADLINE_ENCRYPTION_KEY: string };

function newSecrets(): Secrets {
  return { NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), LEADLINE_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
}

/** Dev secrets are generated once and kept beside the dev database, so sessions and encrypted data survive restarts. */
async function devSecrets(): Promise<Secrets> {
  const file = path.join(DATA_DIR, "secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Secrets;
  const secrets = newSecrets();
  await mkdir(DATA_DIR, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export type LocalEnvironment = { env: Record<string, string>; postgres: RunningPostgres | null; stop: () => Promise<void> };

async function resolveDatabase(
  mode: "dev" | "test",
  log: (line: string) => void,
): Promise<{ url: string; postgres: RunningPostgres | null }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, postgres: null };
  const port = mode === "dev" ? Number(process.env.LEADLINE_PG_PORT ?? 54329) : await freePort();
  if (mode === "dev" && (await reachable(embeddedUrl(port)))) {
    log(`Using the embedded PostgreSQL already running on 127.0.0.1:${port}`);
    return { url: embeddedUrl(port), postgres: null };
  }
  const dataDir = mode === "dev" ? path.join(DATA_DIR, "postgres") : path.join(DATA_DIR, `test-postgres-${process.pid}`);
  log(
    `Starting embedded PostgreSQL on 127.0.0.1:${port} (${mode === "dev" ? `data kept in ${path.relative(".", dataDir)}` : "throwaway"})`,
  );
  const postgres = await startEmbeddedPostgres({ dataDir, port, persistent: mode === "dev", log });
  return { url: postgres.url, postgres };
}

/**
 * Everything the app needs that a fresh clone lacks: a database (external via DATABASE_URL, or an embedded
 * PostgreSQL), secrets, and applied migrations. `dev` keeps its data; `test` throws it away.
 */
export async function prepareLocalEnvironment(mode: "dev" | "test", log: (line: string) => void): Promise<LocalEnvironment> {
  const secrets = mode === "dev" ? await devSecrets() : newSecrets();
  const { url, postgres } = await resolveDatabase(mode, log);
  if (mode === "dev") {
    const applied = await applyMigrations(url);
    log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date");
  }
  const env: Record<string, string> = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.NEXTAUTH_SECRET,
    LEADLINE_ENCRYPTION_KEY: process.env.LEADLINE_ENCRYPTION_KEY ?? secrets.LEADLINE_ENCRYPTION_KEY,
    DATABASE_URL: url,
  };
  return { env, postgres, stop: async () => void (await postgres?.stop()) };
}

function embeddedUrl(port: number): string {
  const { user, password, database } = EMBEDDED_CREDENTIALS;
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
}

/** A second command (db:migrate, admin) while `npm run dev` runs shares its database instead of failing on the port. */
async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}
