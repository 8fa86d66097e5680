import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as a fake logged it, with the status it answered (null while it hangs). */
export type LoggedRequest = {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number | null;
};
/** "400" "401" "429" answer the vendor's own error for that status, whatever the request (for paths a test cannot provoke). */
export type FailureMode = "500" | "hang" | "html" | "400" | "401" | "404" | "429";

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON when it parses, the raw text otherwise (fakes answer malformed bodies the way their vendor does). */
export function parseBody(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** The log entry of an arriving request; its status is filled in once the fake answers. */
export function logEntry(req: IncomingMessage, url: URL, raw: string, at: number): LoggedRequest {
  return {
    at,
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
    body: parseBody(raw),
    status: null,
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Start and stop for a fake's server on loopback; port 0 picks a free one, a fixed port lets an app be told it first. */
export function lifecycle(server: Server, name: string) {
  let baseUrl: string | null = null;
  return {
    get baseUrl(): string {
      if (!baseUrl) throw new Error(`The ${name} fake is not started.`);
      return baseUrl;
    },
    async start(port = 0): Promise<string> {
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return baseUrl;
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      baseUrl = null;
    },
  };
}
