import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { API_ERRORS, ApiError, isUniqueViolation, knownApiError, toApiError, toErrorResponse, WEBHOOK_ERRORS } from "./errors";

const zodError = () => {
  const parsed = z.object({ name: z.string().min(1, "Give a name."), cap: z.number({ error: "Give a number." }) }).safeParse({ name: "" });
  return parsed.error!;
};
const uniqueViolation = Object.assign(new Error("Unique constraint failed"), { code: "P2002" });

afterEach(() => vi.restoreAllMocks());

describe("the error mapper", () => {
  it("passes an ApiError through unchanged on both surfaces", () => {
    const err = new ApiError(404, "unknown_agent", "No agent agt_x.", [{ field: "agent_id", message: "No such agent." }]);
    expect(toApiError(err, API_ERRORS)).toBe(err);
    expect(toApiError(err, WEBHOOK_ERRORS)).toBe(err);
  });

  it("answers refused input as the API's invalid_request, naming each field with its message", () => {
    const err = toApiError(zodError(), API_ERRORS);
    expect([err.status, err.code, err.message]).toEqual([400, "invalid_request", "name: Give a name.; cap: Give a number."]);
    expect(err.details).toEqual([
      { field: "name", message: "Give a name." },
      { field: "cap", message: "Give a number." },
    ]);
  });

  it("answers refused URL parameters as the webhook's invalid_parameter, the messages in a row", () => {
    const err = toApiError(zodError(), WEBHOOK_ERRORS);
    expect([err.status, err.code, err.message]).toEqual([400, "invalid_parameter", "Give a name. Give a number."]);
    expect(err.details).toHaveLength(2);
  });

  it("recognises a unique violation from Prisma's queries and from raw SQL, and nothing else", () => {
    const raw = { code: "P2010", meta: { driverAdapterError: { cause: { kind: "UniqueConstraintViolation", originalCode: "23505" } } } };
    const otherRaw = { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ForeignKeyConstraintViolation" } } } };
    expect([uniqueViolation, raw, otherRaw, null, "P2002"].map(isUniqueViolation)).toEqual([true, true, false, false, false]);
  });

  it("turns a unique violation into the API's 409 but leaves it unexpected for the webhook", () => {
    expect(knownApiError(uniqueViolation, API_ERRORS)).toMatchObject({ status: 409, code: "conflict" });
    expect(knownApiError(uniqueViolation, WEBHOOK_ERRORS)).toBeNull();
  });

  it("logs our own failure under a request id, without its message, and answers 500 or 503 with that id", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = new Error('JSON data, line 1: {"Password":"hunter2"}');
    const api = toApiError(secret, API_ERRORS);
    const hook = toApiError(uniqueViolation, WEBHOOK_ERRORS);
    expect([api.status, api.code, hook.status, hook.code]).toEqual([500, "internal", 503, "temporarily_unavailable"]);
    const ids = log.mock.calls.map(([line]) => /^\[([0-9a-f-]{36})\]/.exec(String(line))?.[1]);
    expect(api.message).toContain(`(request ${ids[0]})`);
    expect(hook.message).toBe(`Leadline could not store this delivery (request ${ids[1]}); the CRM will retry.`);
    expect(JSON.stringify(log.mock.calls)).not.toContain("hunter2");
  });

  it("words the webhook's failure without an id when none was logged (the delivery log's copy)", () => {
    expect(WEBHOOK_ERRORS.unexpected().message).toBe("Leadline could not store this delivery; the CRM will retry.");
  });

  it("gives the API's answer the one error shape", async () => {
    const res = toErrorResponse(new ApiError(409, "not_cancellable", "Too late."));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "not_cancellable", message: "Too late." } });
  });
});
