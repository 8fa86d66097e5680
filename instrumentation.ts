// Runs once when a Next.js server starts: the embedded job queue lives in the server process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/jobs/boot");
  await startBackgroundWork();
}
