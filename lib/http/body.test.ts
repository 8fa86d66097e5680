import { describe, expect, it } from "vitest";
import { readJson, readRawBody } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);

function chunked(parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}

async function statusOf(p: Promise<unknown>): Promise<number | string> {
  return p.then(
    (v) => `read ${String(v)}`,
    (err: unknown) => (err instanceof ApiError ? err.status : String(err)),
  );
}

describe("readRawBody", () => {
  it("reads a body of declared length, and one sent in chunks", async () => {
    expect(await readRawBody(post("héllo", { "content-length": "6" }), 10)).toBe("héllo");
    expect(await readRawBody(post(chunked(["ab", "cd", "é"])), 10)).toBe("abcdé");
  });

  it("refuses a declared length over the cap before reading, and a chunked body once it passes the cap", async () => {
    expect(await statusOf(readRawBody(post("x".repeat(11), { "content-length": "11" }), 10))).toBe(413);
    expect(await statusOf(readRawBody(post(chunked(["12345", "67890", "1"])), 10))).toBe(413);
    expect(await statusOf(readRawBody(post(chunked(["12345", "67890"])), 10))).toBe("read 1234567890");
  });

  it("reads the rest of an over-long chunked body before refusing it, so the connection is left clean to close", async () => {
    const parts = ["12345", "67890", "1", "more", "and more"];
    const err = await readRawBody(post(chunked(parts)), 10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).options.closeConnection).toBe(true);
    expect(parts).toEqual([]);
  });
});

describe("readJson", () => {
  const json = (type: string) => new Request("http://x/", { method: "POST", body: '{"a":1}', headers: { "content-type": type } });

  it("accepts application/json, with parameters and in any case", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8", "Application/JSON"]) {
      expect(await readJson(json(type))).toEqual({ a: 1 });
    }
  });

  it("refuses with 415 a type that only mentions JSON, as a form or text post from another site would", async () => {
    for (const type of ["text/plain; x=application/json", "text/plain", "application/x-www-form-urlencoded", "application/jsonx", ""]) {
      expect(await statusOf(readJson(json(type))), type).toBe(415);
    }
  });
});
