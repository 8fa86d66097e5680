// The call-ended webhook end to end below the HTTP API: queued in the attempt's transaction, posted by the CRM write
// pipeline to a real local receiver that checks the Standard Webhooks signature, retried, refused, replayed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createWebhookReceiver, type WebhookReceiver } from "@/e2e/support/fakes/webhook-receiver";
import { createCallTask } from "@/lib/calls/create";
import { replayCallWebhookDelivery } from "@/lib/call-webhooks/deliveries";
import { CALL_ENDED_WEBHOOK_KIND, planCallEndedWebhooks } from "@/lib/call-webhooks/enqueue";
import { callEndedWebhookHandler } from "@/lib/call-webhooks/handler";
import { saveCallWebhook } from "@/lib/call-webhooks/queries";
import type { CallWebhookSettings } from "@/lib/call-webhooks/schema";
import { drainWrites } from "@/lib/crm-writes/drain";
import { enqueueWrites } from "@/lib/crm-writes/outbox";
import { db } from "@/lib/db";
import type { Agent } from "@/lib/generated/prisma/client";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import { truncateAll } from "@/test/databases";
import { createAgentRow } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = createWebhookReceiver();
  await receiver.start();
});
afterAll(() => receiver.stop());

let orgId: string;
let agent: Agent;
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  receiver.posts.length = 0;
  receiver.state.answer = 200;
  orgId = (await createOrg()).organization.id;
  agent = await createAgentRow(orgId, { name: "Sales" });
});

// The post's own limit: a loaded machine's slow receiver is not a timeout. Only the hang test shortens it.
const handlers = { [CALL_ENDED_WEBHOOK_KIND]: callEndedWebhookHandler() };
const drain = (at = new Date(), using = handlers) => drainWrites({ handlers: using, now: () => at, random: () => 0 });

async function endpoint(scope: string, settings: Partial<CallWebhookSettings> = {}) {
  const saved = await saveCallWebhook(orgId, scope, {
    url: `${receiver.baseUrl}/hooks/leadline`,
    events: "each_attempt",
    enabled: true,
    ...settings,
  });
  receiver.state.secret = saved.secret!;
  return saved.endpoint;
}

/** A call with one ended attempt (no answer), as the engine leaves it. */
async function endedAttempt() {
  const params = parseScheduleParams({});
  if (!params.ok) throw new Error("bad params");
  const task = await db.$transaction((tx) =>
    createCallTask(tx, {
      orgId,
      agent,
      source: "api",
      phone: "+919876500001",
      variables: {},
      params: params.params,
      fallbackZone: "Asia/Kolkata",
      receivedAt: new Date(),
    }),
  );
  const attempt = await db.callAttempt.create({
    data: {
      id: `att_${task.id.slice(5)}_1`,
      taskId: task.id,
      agentId: agent.id,
      number: 1,
      status: "ended",
      scheduledAt: new Date("2026-12-06T10:00:00Z"),
      reason: {},
      provider: "simulator",
      providerCallId: "sim_abc",
      outcome: "no_answer",
      outcomeDetail: "simulated: nobody answered",
      dialedAt: new Date("2026-12-06T10:00:01Z"),
      endedAt: new Date("2026-12-06T10:00:31Z"),
      variablesSent: {},
    },
  });
  return { task, attempt };
}

const queue = async (call: Awaited<ReturnType<typeof endedAttempt>>, final: boolean) =>
  enqueueWrites(db, await planCallEndedWebhooks([{ task: call.task, attempt: 1, final }]));

const writes = () => db.crmWrite.findMany({ where: { kind: CALL_ENDED_WEBHOOK_KIND }, orderBy: { dedupeKey: "asc" } });

describe("planCallEndedWebhooks", () => {
  it("plans a post per wanted endpoint and event; queued again, it adds nothing", async () => {
    const org = await endpoint("org");
    const mine = await endpoint(agent.id, { events: "final_only" });
    const call = await endedAttempt();
    await queue(call, false);
    await queue(call, true);
    await queue(call, true);
    const rows = await writes();
    // The organisation's endpoint wants each attempt and the end; the agent's only the end.
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      [
        `call_ended:${org.id}:${call.attempt.id}`,
        `call_ended:${org.id}:${call.attempt.id}:final`,
        `call_ended:${mine.id}:${call.attempt.id}:final`,
      ].sort(),
    );
    expect(rows.every((r) => r.status === "pending" && r.taskId === call.task.id && r.orgId === orgId)).toBe(true);
  });

  it("queues nothing for a switched-off endpoint or another organisation's agent", async () => {
    await endpoint("org", { enabled: false });
    const other = await createOrg();
    await saveCallWebhook(other.organization.id, "org", { url: `${receiver.baseUrl}/other`, events: "each_attempt", enabled: true });
    await queue(await endedAttempt(), true);
    expect(await writes()).toEqual([]);
  });
});

describe("sending", () => {
  it("posts the signed event; a 500 is tried again with the same id and body and a fresh signature", async () => {
    await endpoint("org", { events: "final_only" });
    const call = await endedAttempt();
    await queue(call, true);
    receiver.state.answer = 500;
    expect(await drain()).toMatchObject({ claimed: 1, retried: 1 });
    let [row] = await writes();
    expect(row).toMatchObject({ status: "pending", tries: 1, lastError: "The receiver answered 500." });
    expect(row!.response).toMatchObject({ status: 500, body: "receiver says 500", url: `${receiver.baseUrl}/hooks/leadline` });

    receiver.state.answer = 200;
    expect(await drain(row!.runAt)).toMatchObject({ claimed: 1, written: 1 });
    [row] = await writes();
    expect(row).toMatchObject({ status: "written", tries: 2, lastError: null });
    expect(row!.response).toMatchObject({ status: 200, body: "thanks" });

    const [first, second] = receiver.posts;
    expect(receiver.posts).toHaveLength(2);
    expect(receiver.posts.map((p) => p.signatureValid)).toEqual([true, true]);
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    expect(second!.body).toBe(first!.body);
    expect(first!.headers["content-type"]).toBe("application/json");
    const event = JSON.parse(first!.body);
    expect(event).toMatchObject({
      type: "call.ended",
      data: {
        call: { id: call.task.id, final: true },
        agent: { id: agent.id, name: "Sales" },
        attempt: { id: call.attempt.id, number: 1, outcome: "no_answer", providerCallId: "sim_abc", durationSeconds: 30 },
        lead: { source: "api", phone: "+919876500001" },
      },
    });
  });

  it.each([
    [400, "The receiver refused the post with 400; fix the receiver, then replay it."],
    [404, "The receiver refused the post with 404; fix the receiver, then replay it."],
  ])("fails at once on %i", async (status, reason) => {
    await endpoint("org", { events: "final_only" });
    await queue(await endedAttempt(), true);
    receiver.state.answer = status;
    expect(await drain()).toMatchObject({ failed: 1 });
    expect(await writes()).toMatchObject([{ status: "failed", tries: 1, lastError: reason, response: { status } }]);
  });

  it("tries again after a receiver that does not answer in time", async () => {
    await endpoint("org", { events: "final_only" });
    await queue(await endedAttempt(), true);
    receiver.state.answer = "hang";
    expect(await drain(new Date(), { [CALL_ENDED_WEBHOOK_KIND]: callEndedWebhookHandler({ timeoutMs: 400 }) })).toMatchObject({
      retried: 1,
    });
    const [row] = await writes();
    expect(row).toMatchObject({ status: "pending", tries: 1 });
    expect(row!.lastError).toMatch(/^The webhook receiver at 127\.0\.0\.1:\d+ did not answer within 0\.4 seconds/);
    expect(row!.response).toMatchObject({ status: null });
  });

  it("turns the endpoint off on 410 Gone, and later posts to it fail without a request", async () => {
    const org = await endpoint("org");
    const call = await endedAttempt();
    await queue(call, false);
    receiver.state.answer = 410;
    expect(await drain()).toMatchObject({ failed: 1 });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      enabled: false,
      disabledReason: "The receiver answered 410 Gone, so Leadline turned this webhook off.",
    });
    // Rows queued before it was turned off are refused without a post.
    await db.$transaction((tx) =>
      tx.crmWrite.create({
        data: {
          id: "cw_late",
          orgId,
          kind: CALL_ENDED_WEBHOOK_KIND,
          dedupeKey: "late",
          ref: org.id,
          payload: { endpointId: org.id, eventId: "evt_late", type: "call.ended", body: "{}" },
        },
      }),
    );
    expect(await drain()).toMatchObject({ failed: 1 });
    expect(receiver.posts).toHaveLength(1);
  });

  it("replays any delivery with the same event id and a fresh signature, and refuses one in flight", async () => {
    await endpoint("org", { events: "final_only" });
    await queue(await endedAttempt(), true);
    receiver.state.answer = 400;
    await drain();
    const [failed] = await writes();
    receiver.state.answer = 200;
    await expect(replayCallWebhookDelivery(orgId, failed!.id)).resolves.toMatchObject({ status: "pending", tries: 0 });
    await expect(replayCallWebhookDelivery(orgId, failed!.id)).rejects.toMatchObject({ status: 409, code: "delivery_in_flight" });
    await expect(replayCallWebhookDelivery((await createOrg()).organization.id, failed!.id)).rejects.toMatchObject({ status: 404 });
    const later = new Date(Date.now() + 2_000);
    expect(await drain(later)).toMatchObject({ written: 1 });
    // A delivered post can be sent again too.
    await replayCallWebhookDelivery(orgId, failed!.id);
    expect(await drain(later)).toMatchObject({ written: 1 });

    expect(receiver.posts.map((p) => p.status)).toEqual([400, 200, 200]);
    expect(new Set(receiver.posts.map((p) => p.headers["webhook-id"])).size).toBe(1);
    expect(new Set(receiver.posts.map((p) => p.body)).size).toBe(1);
    expect(receiver.posts.every((p) => p.signatureValid)).toBe(true);
    expect(Number(receiver.posts[1]!.headers["webhook-timestamp"])).toBe(Math.floor(later.getTime() / 1000));
  });
});
