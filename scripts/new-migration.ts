// `npm run db:new-migration -- <name> [--from <git-ref>]`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// for the change between the schema at <git-ref> (default HEAD) and prisma/schema.prisma. The drift test checks the result.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort, startEmbeddedPostgres } from "./postgres";
import { DATA_DIR } from "./local-env";
import { runSchemaEngine } from "./schema-engine";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { from: { type: "string", default: "HEAD" } } });
const name = positionals[0];

async function main() {
  if (!name || !/^[a-z0-9_]+$/.test(name))
    throw new Error("Name the migration in snake_case, e.g. npm run db:new-migration -- add_call_tasks");
  // Migrations never run through Prisma's shadow database here (its WASM engine cannot read PostgreSQL 18's catalog),
  // so the previous state is the committed schema.
  const previous = execFileSync("git", ["show", `${values.from}:prisma/schema.prisma`], { encoding: "utf8" });
  const dir = await mkdtemp(path.join(tmpdir(), "leadline-migration-"));
  const previousPath = path.join(dir, "previous.prisma");
  await writeFile(previousPath, previous.replace(/provider = "postgresql"/, `provider = "postgresql"\n  url      = env("DATABASE_URL")`));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, `migration-postgres-${process.pid}`),
    port: await freePort(),
    persistent: false,
  });
  try {
    const sql = await runSchemaEngine(pg.url, (schema) => [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previousPath,
      "--to-schema-datamodel",
      schema,
      "--script",
    ]);
    if (!sql.trim() || /^-- This is an empty migration/.test(sql))
      return console.log("The schema has not changed since " + values.from + ": no migration written.");
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const target = path.join("prisma/migrations", `${stamp}_${name}`);
    await mkdir(target, { recursive: true });
    await writeFile(path.join(target, "migration.sql"), sql);
    console.log(`Wrote ${target}/migration.sql`);
  } finally {
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
