// Runs once when a Next.js server starts: the composition root that picks which driver wakes call tasks here.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, jobDriverName } = await import("./lib/env");
  if (jobDriverName(env()) === "inngest") {
    const { registerInngestDriver } = await import("./inngest/driver");
    registerInngestDriver();
    return;
  }
  const { startEmbeddedDriver } = await import("./lib/jobs/boot");
  await startEmbeddedDriver();
}
