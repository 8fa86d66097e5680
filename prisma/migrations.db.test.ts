import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "../lib/db/migrate";
import { runSchemaEngine, schemaSqlFromEmpty } from "../scripts/schema-engine";
import { createScratchDatabase, dropDatabase } from "../test/databases";

const base = process.env.DATABASE_URL!;

/** Everything about a schema that Prisma's datamodel decides, in a comparable form. */
async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns:
        await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
      indexes: await q(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
      ),
      constraints: await q(`SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
        JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
      enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY 1, 3`),
    };
  } finally {
    await client.end();
  }
}

describe("committed migrations", () => {
  afterAll(async () => {
    await dropDatabase(base, "drift_migrations");
    await dropDatabase(base, "drift_schema");
  });

  it("produce exactly the schema in schema.prisma (no drift)", { timeout: 120_000 }, async () => {
    const fromMigrations = await createScratchDatabase(base, "drift_migrations");
    const fromSchema = await createScratchDatabase(base, "drift_schema");
    await applyMigrations(fromMigrations);
    const sql = await schemaSqlFromEmpty(fromSchema);
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(sql).finally(() => client.end());

    const expected = await catalog(fromSchema);
    expect(expected.columns.length).toBeGreaterThan(10);
    expect(await catalog(fromMigrations)).toEqual(expected);

    // Prisma's own `migrate deploy` reads our bookkeeping and finds nothing left to apply.
    const out = await runSchemaEngine(fromMigrations, () => ["migrate", "deploy"]);
    expect(out).toMatch(/No pending migrations to apply/);
  });

  it("are applied once: a second run applies nothing and a changed file is refused", async () => {
    const url = await createScratchDatabase(base, "drift_migrations");
    const all = (await readMigrations("prisma/migrations")).map((m) => m.name);
    expect(await applyMigrations(url)).toEqual(all);
    expect(await applyMigrations(url)).toEqual([]);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`, [all[0]]);
    await client.end();
    await expect(applyMigrations(url)).rejects.toThrow(/was changed after it was applied/);
  });
});

it("the migration command needs no network and no Prisma engine download", async () => {
  // The same offline path `npm run db:migrate` takes; a download attempt would fail here with ENOTFOUND.
  const url = await createScratchDatabase(base, "drift_schema");
  const { stdout } = await promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: url, PRISMA_ENGINES_MIRROR: "http://127.0.0.1:9" },
  });
  expect(stdout).toMatch(/Applied migrations: \d{14}_foundation/);
});
