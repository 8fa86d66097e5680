// `npm run dev`: the whole of Leadline on one machine with no accounts anywhere.
import { spawn } from "node:child_process";
import { assertPortFree } from "./postgres";
import { prepareLocalEnvironment } from "./local-env";

const log = (line: string) => console.log(`[leadline] ${line}`);

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  await assertPortFree(port, "Leadline's web server", "PORT");
  const local = await prepareLocalEnvironment("dev", log);
  const publicUrl = process.env.LEADLINE_PUBLIC_URL ?? `http://localhost:${port}`;
  const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", "-p", String(port)], {
    stdio: "inherit",
    env: { ...process.env, ...local.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? publicUrl, LEADLINE_PUBLIC_URL: publicUrl },
  });
  log(`Leadline is starting at ${publicUrl}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    next.kill("SIGTERM");
    await local.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  next.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((err: unknown) => {
  console.error(`[leadline] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
