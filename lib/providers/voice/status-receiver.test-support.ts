import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ProviderWebhookError, type CallReport, type StatusWebhook } from "./port";

export type Received = { headers: Headers; rawBody: string; status: number; report: CallReport | null };

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/**
 * A loopback stand-in for our /api/call/status/<provider> route: it verifies each POST with `parse` and answers
 * 200, or the webhook error's status. `answerNext` scripts a few failures first.
 */
export async function startStatusReceiver(parse: (webhook: StatusWebhook) => CallReport | null) {
  const received: Received[] = [];
  const scripted: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const headers = headersOf(req);
      let status = scripted.shift() ?? 200;
      let report: CallReport | null = null;
      if (status === 200) {
        try {
          report = parse({ headers, rawBody, url: new URL(req.url ?? "/", "http://127.0.0.1") });
        } catch (err) {
          status = err instanceof ProviderWebhookError ? err.status : 500;
        }
      }
      received.push({ headers, rawBody, status, report });
      res.writeHead(status).end();
      for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/call/status`;

  return {
    url,
    received,
    answerNext(...statuses: number[]) {
      scripted.push(...statuses);
    },
    waitFor(count: number, timeoutMs = 5_000): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} posts, got ${received.length}`)), timeoutMs);
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    stop(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
