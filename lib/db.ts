import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient() {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 20 });
  return new PrismaClient({
    adapter,
    // Secrets are never selected unless a query asks for them by name.
    omit: { user: { passwordHash: true }, apiKey: { secretHash: true } },
    // Room for a burst of webhook deliveries waiting on a pooled connection before an interactive transaction gives up.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One client per process, also across Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { leadlineDb?: Db };

function client(): Db {
  globalForDb.leadlineDb ??= createClient();
  return globalForDb.leadlineDb;
}

// Created on first use, so `next build` can import routes without a database configured.
export const db = new Proxy({} as Db, {
  get(_, prop) {
    const real = client();
    const value = Reflect.get(real, prop);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
