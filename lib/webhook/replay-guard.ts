import "server-only";
import { createHash } from "node:crypto";
import { pool } from "@/lib/db";

/** HubSpot's v3 signatures are valid for 5 minutes, so that is as long as a request or event is remembered. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

const hashed = (text: string) => createHash("sha256").update(text).digest("hex");

/** The guard keys of one live HubSpot request: its signature (when verified) and each event, all scoped to the agent. */
export function replayKeys(agentId: string, signature: string | null, events: Array<{ portalId: string; eventId: string }>) {
  return {
    request: signature ? `hubspot-signature:${agentId}:${hashed(signature)}` : null,
    events: events.map((e) => `hubspot-event:${agentId}:${e.portalId}:${e.eventId}`),
  };
}

/**
 * Claims each key for the replay window and answers the keys another request already holds (the replays). The
 * primary key makes two concurrent copies race in Postgres: one inserts, the other waits for its commit and loses.
 * An expired claim is taken over in place; expired rows are swept at most once a minute.
 */
export async function claimReplayKeys(keys: string[], now: Date): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const expiresAt = new Date(now.getTime() + REPLAY_WINDOW_MS);
  const { rows } = await pool().query<{ key: string }>(
    `INSERT INTO webhook_replay_guards (key, expires_at) SELECT DISTINCT unnest($1::text[]), $2::timestamptz
     ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE webhook_replay_guards.expires_at <= $3::timestamptz
     RETURNING key`,
    [keys, expiresAt, now],
  );
  if (now.getTime() - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now.getTime();
    await pool().query("DELETE FROM webhook_replay_guards WHERE expires_at <= $1", [now]);
  }
  const claimed = new Set(rows.map((r) => r.key));
  return new Set(keys.filter((k) => !claimed.has(k)));
}

/** Gives claims back when the delivery could not be stored, so HubSpot's retry of it is not mistaken for a replay. */
export async function releaseReplayKeys(keys: string[]): Promise<void> {
  if (keys.length > 0) await pool().query("DELETE FROM webhook_replay_guards WHERE key = ANY($1::text[])", [keys]);
}
