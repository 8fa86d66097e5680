import { beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { createMember, createOrganizationWithAdmin, isSetUp, listMembers, updateOrganization } from "@/lib/orgs/queries";
import { createMemberSchema, organizationUpdateSchema, setupSchema } from "@/lib/orgs/schema";
import { truncateAll } from "@/test/databases";

const setupInput = (email: string) =>
  setupSchema.parse({
    organizationName: "Acme",
    timezone: "Asia/Kolkata",
    countryCode: "+91",
    name: "Asha",
    email,
    password: "correct horse battery",
  });

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("first-run setup", () => {
  it("creates the organisation and an admin whose password is stored as an argon2id hash", async () => {
    expect(await isSetUp()).toBe(false);
    const { organization, user } = await createOrganizationWithAdmin(setupInput("Asha@Example.com"), { firstRun: true });
    expect(await isSetUp()).toBe(true);
    expect(organization).toMatchObject({ name: "Acme", timezone: "Asia/Kolkata", defaultCountryCode: "91" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, role: true, passwordHash: true } });
    expect(row.email).toBe("asha@example.com");
    expect(row.role).toBe("admin");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(row.passwordHash, "wrong password")).toBe(false);
  });

  it("is refused once done, even when two requests race", async () => {
    const results = await Promise.allSettled([
      createOrganizationWithAdmin(setupInput("one@example.com"), { firstRun: true }),
      createOrganizationWithAdmin(setupInput("two@example.com"), { firstRun: true }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ApiError);
    expect((rejected.reason as ApiError).code).toBe("already_set_up");
    expect(await db.organization.count()).toBe(1);
    expect(await db.user.count()).toBe(1);
  });

  it("refuses an email that already has an account", async () => {
    await createOrganizationWithAdmin(setupInput("asha@example.com"), { firstRun: true });
    const err = await createOrganizationWithAdmin(setupInput("ASHA@example.com"), { firstRun: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(409);
    expect((err as ApiError).details).toEqual([{ field: "email", message: "An account with this email already exists." }]);
    expect(await db.organization.count()).toBe(1);
  });
});

describe("members", () => {
  it("are added to the admin's organisation only", async () => {
    const a = await createOrganizationWithAdmin(setupInput("a@example.com"), { firstRun: false });
    const b = await createOrganizationWithAdmin(setupInput("b@example.com"), { firstRun: false });
    await createMember(
      a.organization.id,
      createMemberSchema.parse({ name: "Mo", email: "mo@example.com", password: "another long one", role: "member" }),
    );
    expect((await listMembers(a.organization.id)).map((m) => [m.email, m.role])).toEqual([
      ["a@example.com", "admin"],
      ["mo@example.com", "member"],
    ]);
    expect((await listMembers(b.organization.id)).map((m) => m.email)).toEqual(["b@example.com"]);
  });
});

describe("organisation settings", () => {
  it.each([
    ["name", { name: "Acme Realty" }],
    ["timezone", { timezone: "Europe/London" }],
    ["countryCode", { countryCode: "+44" }],
  ])("a change to %s leaves the other settings as they were", async (_, patch) => {
    const { organization } = await createOrganizationWithAdmin(setupInput("asha@example.com"), { firstRun: true });
    const { createdAt: _c, ...before } = organization;
    const after = await updateOrganization(organization.id, organizationUpdateSchema.parse(patch));
    const named = { name: after.name, timezone: after.timezone, countryCode: `+${after.defaultCountryCode}` };
    expect(named).toEqual({ name: before.name, timezone: before.timezone, countryCode: `+${before.defaultCountryCode}`, ...patch });
  });
});
