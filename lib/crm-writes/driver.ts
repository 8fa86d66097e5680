import "server-only";

/**
 * The port through which a commit that queued writes asks for a drain. The embedded driver (lib/jobs/crm-writes.ts)
 * drains in this process; Inngest's (inngest/driver.ts) sends `crm/writes.due`. lib/ never imports inngest/.
 */
export interface WriteDriver {
  readonly name: "embedded" | "inngest";
  /** Starts a drain soon; never throws and never waits for it. */
  kick(): void;
}

// On globalThis: Next bundles instrumentation.ts and the route handlers apart, and both must see one registration.
const registry = globalThis as unknown as { leadlineWriteDriver?: WriteDriver };

export function registerWriteDriver(driver: WriteDriver | undefined): void {
  registry.leadlineWriteDriver = driver;
}

/** After a commit that queued writes: drain them without waiting for the clock. Without a driver (a script) they wait. */
export function drainSoon(): void {
  registry.leadlineWriteDriver?.kick();
}
