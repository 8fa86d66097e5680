import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { lifecycle, readBody } from "./http";

/** One post as the receiver saw it: the raw body bytes, the headers, and whether the signature checked out. */
export type ReceivedPost = {
  at: number;
  headers: Record<string, string>;
  body: string;
  /** The README's verification, done here from the spec (not with Leadline's own module). */
  signatureValid: boolean;
  status: number | null;
};

/**
 * Standard Webhooks verification written from the spec: HMAC-SHA256, keyed with the base64 bytes after `whsec_`, over
 * `<webhook-id>.<webhook-timestamp>.<raw body>`, compared with each `v1,<base64>` entry; the timestamp within 5 minutes.
 */
export function verifyStandardWebhook(secret: string, headers: Record<string, string>, body: string, nowMs = Date.now()): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    const given = Buffer.from(value ?? "", "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A customer's endpoint for the call-ended webhook: answers `answer` (a status, or "hang"), logs every post. */
export function createWebhookReceiver() {
  const posts: ReceivedPost[] = [];
  const state = { answer: 200 as number | "hang", secret: "" };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const post: ReceivedPost = {
        at: Date.now(),
        headers,
        body,
        signatureValid: verifyStandardWebhook(state.secret, headers, body),
        status: null,
      };
      posts.push(post);
      if (state.answer === "hang") return;
      post.status = state.answer;
      res.writeHead(state.answer, { "content-type": "text/plain" }).end(state.answer < 300 ? "thanks" : `receiver says ${state.answer}`);
    });
  });
  return Object.assign(lifecycle(server, "webhook receiver"), { posts, state });
}
export type WebhookReceiver = ReturnType<typeof createWebhookReceiver>;
