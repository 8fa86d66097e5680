// Vitest global setup for the `db` project: a real, migrated PostgreSQL for the whole run.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrate";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "../scripts/postgres";

let postgres: RunningPostgres | undefined;

export async function setup() {
  // `npm test` passes a prepared database; a bare `npx vitest` starts its own.
  if (!process.env.DATABASE_URL) {
    postgres = await startEmbeddedPostgres({
      dataDir: path.resolve(`.data/vitest-postgres-${process.pid}`),
      port: await freePort(),
      persistent: false,
    });
    process.env.DATABASE_URL = postgres.url;
  }
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.LEADLINE_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  await applyMigrations(process.env.DATABASE_URL);
}

export async function teardown() {
  await postgres?.stop();
}
