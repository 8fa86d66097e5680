import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const CLI = path.resolve("node_modules/prisma6/build/index.js");

/**
 * Runs a Prisma 6.19 CLI command with its WASM schema engine against a scratch database, so it works without
 * the native engine download. `schemaSource` is the datamodel to use (default: prisma/schema.prisma).
 */
export async function runSchemaEngine(scratchUrl: string, args: (schemaPath: string) => string[], schemaSource?: string): Promise<string> {
  // Prisma 7 moved the URL out of the schema; the 6.19 engine still wants it there, so it reads a copy.
  const dir = await mkdtemp(path.join(tmpdir(), "leadline-schema-"));
  const schema = path.join(dir, "schema.prisma");
  const source = schemaSource ?? (await readFile("prisma/schema.prisma", "utf8"));
  await writeFile(schema, source.replace(/provider = "postgresql"/, `provider = "postgresql"\n  url      = env("DATABASE_URL")`));
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args(schema), "--config", "prisma/schema-engine.config.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: scratchUrl,
        LEADLINE_SCHEMA_COPY: schema,
        // The CLI insists on locating a query engine it never uses here; any file satisfies it offline.
        PRISMA_QUERY_ENGINE_LIBRARY: path.resolve("package.json"),
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** SQL that turns an empty database into the schema in prisma/schema.prisma. */
export function schemaSqlFromEmpty(scratchUrl: string): Promise<string> {
  return runSchemaEngine(scratchUrl, (schema) => ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"]);
}
