import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../scripts/postgres";
import { nextStartArgs } from "../../scripts/server-command";

export type AppServer = {
  baseURL: string;
  process: ChildProcess;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Everything the server has printed so far, stdout and stderr. */
  output: () => string;
};

/** Starts the built app (`npm start`'s command) as its own process group, so a test can SIGKILL it like a crash would. */
export async function startAppServer(env: Record<string, string>, port?: number): Promise<AppServer> {
  const p = port ?? (await freePort());
  const baseURL = `http://127.0.0.1:${p}`;
  const child = spawn(process.execPath, nextStartArgs(p, "127.0.0.1"), {
    env: { ...process.env, NEXTAUTH_URL: baseURL, LEADLINE_PUBLIC_URL: baseURL, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const printed: Buffer[] = [];
  child.stdout!.on("data", (chunk: Buffer) => printed.push(chunk));
  child.stderr!.on("data", (chunk: Buffer) => printed.push(chunk));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the app did not start on ${baseURL}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, signal);
    await exited;
  };
  return { baseURL, process: child, kill, output: () => Buffer.concat(printed).toString("utf8") };
}
