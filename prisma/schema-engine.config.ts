// Config for the Prisma 6.19 CLI (installed as `prisma6`), whose WASM schema engine runs offline.
// Only scripts/new-migration.ts and the migration tests use it; the app and `npm run db:migrate` never do.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma6/config";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL must point at a scratch database for the schema engine");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.LEADLINE_SCHEMA_COPY ?? "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ connectionString: url }),
});
