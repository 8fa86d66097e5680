import "server-only";
import { coalesced } from "@/lib/coalesced";
import { drainWrites } from "@/lib/crm-writes/drain";
import type { WriteDriver } from "@/lib/crm-writes/driver";

// One drain at a time in this process; a kick while one runs gets the next, shared by every kick meanwhile.
const drainOnce = coalesced(() =>
  drainWrites().then(
    () => {},
    (err: unknown) => console.error("[crm-writes] drain failed:", (err as Error).message),
  ),
);

/** The embedded driver of CRM writes: drains in this process, on a kick after a commit and on a clock. */
export const embeddedWriteDriver: WriteDriver = { name: "embedded", kick: () => void drainOnce() };

/** The clock: due writes (retries whose backoff ended, rows a dead process leased) run within `everyMs`. */
export function startWriteDrain(everyMs: number): () => void {
  const timer = setInterval(() => void drainOnce(), everyMs);
  timer.unref();
  void drainOnce();
  return () => clearInterval(timer);
}
