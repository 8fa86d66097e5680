import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient(pool: pg.Pool) {
  // $disconnect ends the pool too, as it did when the adapter owned it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({
    adapter,
    // Secrets are never selected unless a query asks for them by name.
    omit: { user: { passwordHash: true }, apiKey: { secretHash: true }, webhookEndpoint: { secret: true } },
    // Room for a burst of webhook deliveries waiting on a pooled connection before an interactive transaction gives up.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
}

export type Db = ReturnType<typeof createClient>;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One pool and one client per process, also across Next's dev-mode module reloads.
const globalForDb = globalThis as unknown as { leadlinePool?: pg.Pool; leadlineDb?: Db };

/** The connection pool under the Prisma client, for the few hot paths where one raw statement replaces many queries. */
export function pool(): pg.Pool {
  if (!globalForDb.leadlinePool) {
    const created = new pg.Pool({ connectionString: env().DATABASE_URL, max: 20 });
    // An idle connection that Postgres closes (a restart, an admin) is dropped by the pool; unheard, the event would throw.
    created.on("error", (err) => console.error("[db] idle connection lost:", err.message));
    globalForDb.leadlinePool = created;
  }
  return globalForDb.leadlinePool;
}

function client(): Db {
  globalForDb.leadlineDb ??= createClient(pool());
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
