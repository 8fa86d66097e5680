// The HubSpot replay guard against real Postgres: each key is claimed once per window, concurrent copies race on the
// primary key, an expired claim can be taken again, and a released claim is free at once.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimReplayKeys, releaseReplayKeys, REPLAY_WINDOW_MS, replayKeys } from "@/lib/webhook/replay-guard";
import { truncateAll } from "@/test/databases";

const now = new Date("2030-01-07T10:00:00Z");

describe("claimReplayKeys", () => {
  beforeEach(() => truncateAll(process.env.DATABASE_URL!));

  it("answers nothing seen the first time, and every key the second time within the window", async () => {
    expect([...(await claimReplayKeys(["a", "b"], now))]).toEqual([]);
    expect([...(await claimReplayKeys(["b", "c"], new Date(now.getTime() + 60_000)))]).toEqual(["b"]);
  });

  it("lets ten concurrent copies of one request through exactly once", async () => {
    const seen = await Promise.all(Array.from({ length: 10 }, () => claimReplayKeys(["same"], now)));
    expect(seen.filter((s) => s.size === 0)).toHaveLength(1);
  });

  it("takes over an expired claim, and frees a released one", async () => {
    await claimReplayKeys(["old", "gone"], now);
    expect((await claimReplayKeys(["old"], new Date(now.getTime() + REPLAY_WINDOW_MS))).size).toBe(0);
    await releaseReplayKeys(["gone"]);
    expect((await claimReplayKeys(["gone"], now)).size).toBe(0);
    expect(await db.webhookReplayGuard.count()).toBe(2);
  });

  it("scopes keys to the agent and keeps the signature out of the table", () => {
    const keys = replayKeys("agt_1", "c2lnbmF0dXJl", [{ portalId: "48211234", eventId: "901" }]);
    expect(keys.events).toEqual(["hubspot-event:agt_1:48211234:901"]);
    expect(keys.request).toMatch(/^hubspot-signature:agt_1:[0-9a-f]{64}$/);
    expect(replayKeys("agt_2", null, []).request).toBeNull();
  });
});
