import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { superviseThread, THREAD_STARTED } from "@/lib/jobs/thread";

// A stand-in job thread: says it started, records what it is sent, and stops on "stop". Run `crashAfterStart` dies
// of an uncaught exception once it said it started; run `failBoot` dies before.
const script = `
  const { parentPort, workerData } = require("node:worker_threads");
  if (workerData.run === workerData.failBoot) throw new Error("no database");
  parentPort.on("message", (m) => (m === "stop" ? process.exit(0) : parentPort.postMessage("got " + m)));
  parentPort.postMessage(${JSON.stringify(THREAD_STARTED)});
  if (workerData.run === workerData.crashAfterStart) setTimeout(() => { throw new Error("boom"); }, 20);
`;

function threads(opts: { crashAfterStart?: number; failBoot?: number } = {}) {
  const started: Worker[] = [];
  const received: string[] = [];
  const start = () => {
    const thread = new Worker(script, { eval: true, workerData: { run: started.length + 1, ...opts } });
    thread.on("message", (m: string) => m !== THREAD_STARTED && received.push(`${started.indexOf(thread) + 1}: ${m}`));
    started.push(thread);
    return thread;
  };
  return { start, started, received };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("superviseThread", () => {
  it("resolves once the thread started, passes messages on, and stop() waits until it has exited", async () => {
    const t = threads();
    const supervised = await superviseThread(t.start);
    supervised.post("drain");
    await vi.waitFor(() => expect(t.received).toEqual(["1: got drain"]));
    await supervised.stop();
    expect(t.started[0]!.threadId).toBe(-1);
    expect(t.started).toHaveLength(1);
  });

  it("replaces a thread that dies after it started, and logs why", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const t = threads({ crashAfterStart: 1 });
    const supervised = await superviseThread(t.start, 50);
    await vi.waitFor(() => expect(t.started).toHaveLength(2));
    await vi.waitFor(() => {
      supervised.post("drain");
      expect(t.received).toContain("2: got drain");
    });
    const lines = logged.mock.calls.map((c) => String(c[0]));
    expect(lines.some((l) => /uncaught exception in the job thread: Error: boom/.test(l))).toBe(true);
    expect(lines.some((l) => /the job thread stopped \(exit code 1\); a new one starts in 50 ms/.test(l))).toBe(true);
    await supervised.stop();
    expect(t.started).toHaveLength(2);
  });

  it("fails when the first thread dies before it started, and starts no other", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const t = threads({ failBoot: 1 });
    await expect(superviseThread(t.start, 10)).rejects.toThrow(/The job thread stopped \(exit code 1\) before it started/);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.started).toHaveLength(1);
  });

  it("keeps trying when a replacement fails to start", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const t = threads({ crashAfterStart: 1, failBoot: 2 });
    const supervised = await superviseThread(t.start, 20);
    await vi.waitFor(() => expect(t.started).toHaveLength(3));
    await vi.waitFor(() => {
      supervised.post("drain");
      expect(t.received).toContain("3: got drain");
    });
    await supervised.stop();
  });
});
