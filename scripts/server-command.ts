// The production server's command line. `npm start` (package.json), the end-to-end server and the benchmarks run it
// alike, so what is tested and measured is what runs.

/**
 * V8's young generation at 64 MB semi-spaces instead of Node's 16. Under load a request's objects live for tens of
 * milliseconds; with the default size a scavenge comes about as often, so many are copied twice and promoted to the old
 * generation, and the server's one thread spends its time collecting them. The cost is memory: up to about 100 MB
 * more under load (npm run bench -- webhook-ingest prints the server's peak RSS). A flag given here outranks
 * NODE_OPTIONS: a deployment short of memory changes it here and in package.json's start script (a test keeps them equal).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

export const NEXT_BIN = "node_modules/next/dist/bin/next";

/** Arguments for `node` that start the built app on a port and host. */
export function nextStartArgs(port: number | string, host: string): string[] {
  return [...SERVER_NODE_FLAGS, NEXT_BIN, "start", "-p", String(port), "-H", host];
}
