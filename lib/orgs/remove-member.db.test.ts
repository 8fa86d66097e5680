import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createMember } from "@/lib/orgs/queries";
import { removeMember } from "@/lib/orgs/remove-member";
import { createMemberSchema } from "@/lib/orgs/schema";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

const person = (orgId: string, name: string, role: "admin" | "member") =>
  createMember(
    orgId,
    createMemberSchema.parse({ name, email: `${name.toLowerCase()}@example.com`, password: "correct horse battery", role }),
  );

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (err: { code?: string }) => err.code,
  );

describe("removeMember", () => {
  it("removes a person of the organisation and nobody else", async () => {
    const { organization, user: admin } = await createOrg();
    const ravi = await person(organization.id, "Ravi", "member");
    const kept = await person(organization.id, "Kiran", "member");
    expect(await removeMember({ orgId: organization.id, memberId: ravi.id, actorId: admin.id })).toMatchObject({ name: "Ravi" });
    expect(await db.user.findMany({ where: { orgId: organization.id }, select: { id: true }, orderBy: { createdAt: "asc" } })).toEqual([
      { id: admin.id },
      { id: kept.id },
    ]);
  });

  it("refuses to remove yourself, someone of another organisation, or the last admin", async () => {
    const { organization, user: admin } = await createOrg();
    const other = await createOrg();
    const member = await person(organization.id, "Ravi", "member");
    expect(await codeOf(removeMember({ orgId: organization.id, memberId: admin.id, actorId: admin.id }))).toBe("cannot_remove_self");
    expect(await codeOf(removeMember({ orgId: organization.id, memberId: other.user.id, actorId: admin.id }))).toBe("not_found");
    // The route lets only admins call; here a member's id stands for an actor demoted meanwhile.
    expect(await codeOf(removeMember({ orgId: organization.id, memberId: admin.id, actorId: member.id }))).toBe("last_admin");
    expect(await db.user.count({ where: { id: { in: [admin.id, other.user.id] } } })).toBe(2);
  });

  it("lets only one of two admins removing each other at once succeed", async () => {
    const { organization, user: first } = await createOrg();
    const second = await person(organization.id, "Second", "admin");
    const results = await Promise.all([
      codeOf(removeMember({ orgId: organization.id, memberId: second.id, actorId: first.id })),
      codeOf(removeMember({ orgId: organization.id, memberId: first.id, actorId: second.id })),
    ]);
    expect(results.sort()).toEqual(["last_admin", "ok"]);
    expect(await db.user.count({ where: { orgId: organization.id, role: "admin" } })).toBe(1);
  });
});
