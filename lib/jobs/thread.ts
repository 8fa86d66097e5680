import "server-only";
import type { Worker } from "node:worker_threads";

/** What the server's thread asks of the job thread (lib/jobs/worker-thread.ts). */
export type ToJobThread = "drain" | "stop";
/** What the job thread says once its worker runs. */
export const THREAD_STARTED = "started";

export type SupervisedThread = {
  /** Sends to the running thread; while none runs it is dropped, and the thread's own clock catches up. */
  post(message: ToJobThread): void;
  /** Asks the thread to stop and waits until it has. */
  stop(): Promise<void>;
};

/**
 * Runs the thread `start` makes until stop(). Resolves once the first one says it started and rejects if it stops
 * before (a boot that fails is loud). A thread that stops later (an uncaught exception) is logged and replaced after
 * `restartAfterMs`, so the server never goes on taking leads with nothing left to dial them.
 */
export function superviseThread(start: () => Worker, restartAfterMs = 1_000): Promise<SupervisedThread> {
  let current: Worker | undefined;
  let stopping = false;
  const run = (first: boolean) =>
    new Promise<void>((resolve, reject) => {
      const thread = (current = start());
      let started = false;
      thread.on("message", (message) => {
        if (message !== THREAD_STARTED) return;
        started = true;
        resolve();
      });
      thread.on("error", (err) => console.error(`[jobs] uncaught exception in the job thread: ${err.stack ?? err.message}`));
      thread.on("exit", (code) => {
        current = undefined;
        if (stopping) return;
        if (first && !started) return reject(new Error(`The job thread stopped (exit code ${code}) before it started.`));
        console.error(`[jobs] the job thread stopped (exit code ${code}); a new one starts in ${restartAfterMs} ms`);
        setTimeout(() => {
          if (!stopping) void run(false);
        }, restartAfterMs);
      });
    });
  return run(true).then(() => ({
    post: (message) => current?.postMessage(message),
    stop: async () => {
      stopping = true;
      const thread = current;
      if (!thread) return;
      const exited = new Promise((resolve) => thread.once("exit", resolve));
      thread.postMessage("stop" satisfies ToJobThread);
      await exited;
    },
  }));
}
