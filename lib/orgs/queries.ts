import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/generated/prisma/client";
import { createMemberSchema, organizationUpdateSchema, setupSchema } from "@/lib/orgs/schema";
import type { z } from "zod";

// Serialises first-run setup so two browsers submitting at once cannot both create "the first" organisation.
const SETUP_LOCK_ID = 72_707_370;

export async function isSetUp(): Promise<boolean> {
  return (await db.organization.count()) > 0;
}

async function assertEmailFree(email: string) {
  if (await db.user.count({ where: { email } })) {
    throw new ApiError(409, "email_taken", `An account with ${email} already exists. Sign in, or use another email.`, [
      { field: "email", message: "An account with this email already exists." },
    ]);
  }
}

/**
 * Creates an organisation and its first admin. With `firstRun`, refuses once any organisation exists
 * (the setup page); without it, adds another organisation (the admin CLI).
 */
export async function createOrganizationWithAdmin(input: z.output<typeof setupSchema>, opts: { firstRun: boolean }) {
  await assertEmailFree(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK_ID})`;
    if (opts.firstRun && (await tx.organization.count()) > 0) {
      throw new ApiError(409, "already_set_up", "Leadline is already set up. Sign in instead.");
    }
    const organization = await tx.organization.create({
      data: { id: newId("org"), name: input.organizationName, timezone: input.timezone, defaultCountryCode: input.countryCode },
    });
    const user = await tx.user.create({
      data: { id: newId("usr"), orgId: organization.id, email: input.email, name: input.name, passwordHash, role: "admin" },
    });
    return { organization, user };
  });
}

export async function createMember(orgId: string, input: z.output<typeof createMemberSchema>) {
  await assertEmailFree(input.email);
  return db.user.create({
    data: {
      id: newId("usr"),
      orgId,
      email: input.email,
      name: input.name,
      role: input.role as Role,
      passwordHash: await hashPassword(input.password),
    },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}

export function listMembers(orgId: string) {
  return db.user.findMany({
    where: { orgId },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}

export function getOrganization(orgId: string) {
  return db.organization.findUniqueOrThrow({ where: { id: orgId } });
}

export function updateOrganization(orgId: string, input: z.output<typeof organizationUpdateSchema>) {
  return db.organization.update({
    where: { id: orgId },
    data: { name: input.name, timezone: input.timezone, defaultCountryCode: input.countryCode },
  });
}

export function listOrganizations() {
  return db.organization.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, timezone: true, defaultCountryCode: true, createdAt: true, _count: { select: { users: true } } },
  });
}
