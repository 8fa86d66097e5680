import "server-only";
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { setBounded } from "@/lib/bounded-map";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
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

const statementNames = new Map<string, string>();

/**
 * One hot statement, run as a named prepared statement on the pool: each connection plans it once, where Prisma's raw
 * queries are planned on every call (half the time of a batch statement of the call engine), and Prisma's own work per
 * call is skipped. Only for single statements outside a transaction whose text does not depend on the data: values go
 * in as parameters (arrays for batches), so a handful of texts, each named by its hash, serve every call.
 */
export async function prepared<T extends pg.QueryResultRow>(query: Prisma.Sql): Promise<T[]> {
  let name = statementNames.get(query.text);
  if (!name) {
    name = `leadline_${createHash("sha256").update(query.text).digest("base64url").slice(0, 24)}`;
    setBounded(statementNames, query.text, name, 100);
  }
  return (await pool().query<T>({ name, text: query.text, values: query.values })).rows;
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
