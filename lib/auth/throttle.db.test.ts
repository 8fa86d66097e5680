import { beforeEach, describe, expect, it } from "vitest";
import { beginAttempt, clientAddress, lockedUntil, throttleSubjects, type Attempt } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

const T0 = new Date("2026-12-01T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const asha = throttleSubjects({ email: "Asha@Acme.test", address: "10.0.0.1" });

async function fail(subjects: string[], now: Date) {
  const attempt = await beginAttempt("sign_in", subjects, now);
  if (!("release" in attempt)) throw new Error(`refused at ${now.toISOString()}`);
  await attempt.release("failed");
}
const retryAfter = (a: Attempt) => ("retryAfterSeconds" in a ? a.retryAfterSeconds : null);

describe("sign-in throttle", () => {
  it("lets 10 failures through, then answers with a wait that doubles and stops at 15 minutes", async () => {
    for (let i = 0; i < 10; i++) await fail(asha, at(i));
    expect(retryAfter(await beginAttempt("sign_in", asha, at(10)))).toBe(29);
    // After the wait one more guess is allowed; failing it doubles the wait.
    await fail(asha, at(40));
    expect(retryAfter(await beginAttempt("sign_in", asha, at(41)))).toBe(59);
    expect(lockedUntil(30, T0)!.getTime() - T0.getTime()).toBe(15 * 60_000);
  });

  it("counts an email and an address on their own: another address is refused for that email, another email from that address too", async () => {
    for (let i = 0; i < 10; i++) await fail(asha, at(i));
    const sameEmailElsewhere = throttleSubjects({ email: "asha@acme.test", address: "10.9.9.9" });
    const sameAddressOtherEmail = throttleSubjects({ email: "bo@acme.test", address: "10.0.0.1" });
    const unrelated = throttleSubjects({ email: "bo@acme.test", address: "10.9.9.9" });
    expect(retryAfter(await beginAttempt("sign_in", sameEmailElsewhere, at(11)))).toBe(28);
    expect(retryAfter(await beginAttempt("sign_in", sameAddressOtherEmail, at(11)))).toBe(28);
    expect(retryAfter(await beginAttempt("sign_in", unrelated, at(11)))).toBeNull();
    // Set-up keeps its own count.
    expect(retryAfter(await beginAttempt("setup", asha, at(11)))).toBeNull();
  });

  it("forgets failures older than 15 minutes, so nobody is locked out for good", async () => {
    for (let i = 0; i < 25; i++) await db.authFailure.create({ data: { scope: "sign_in", subject: asha[0]!, createdAt: at(i) } });
    expect(retryAfter(await beginAttempt("sign_in", asha, at(60)))).toBe(15 * 60 - 36);
    expect(retryAfter(await beginAttempt("sign_in", asha, at(15 * 60 + 25)))).toBeNull();
    expect(await db.authFailure.count({ where: { createdAt: { lt: at(25) } } })).toBe(0);
  });

  it("a success clears the email's failures but not the address's, and a refused attempt is not counted", async () => {
    for (let i = 0; i < 9; i++) await fail(asha, at(i));
    const ok = await beginAttempt("sign_in", asha, at(10));
    if (!("release" in ok)) throw new Error("refused");
    await ok.release("succeeded");
    expect(await db.authFailure.count({ where: { subject: asha[0] } })).toBe(0);
    expect(await db.authFailure.count({ where: { subject: asha[1] } })).toBe(9);

    await fail(asha, at(11)); // the address's 10th failure
    expect(retryAfter(await beginAttempt("sign_in", asha, at(12)))).toBe(29);
    expect(retryAfter(await beginAttempt("sign_in", asha, at(13)))).toBe(28);
    expect(await db.authFailure.count({ where: { subject: asha[1] } })).toBe(10);
  });

  it("counts attempts still being checked, so a burst of parallel guesses cannot slip past the limit", async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, () => beginAttempt("sign_in", asha, at(0))));
    expect(burst.filter((a) => "release" in a).length).toBeLessThanOrEqual(10);
  });
});

describe("throttle subjects", () => {
  it("keeps only a hash of the email and reads the address Next or the proxy added last", () => {
    expect(asha[0]).toMatch(/^email:[0-9a-f]{64}$/);
    expect(asha[0]).toBe(throttleSubjects({ email: " asha@acme.test" })[0]);
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.1" }))).toBe("10.0.0.1");
    expect(clientAddress(new Headers())).toBeNull();
  });
});
