import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import type { LeadSyncAccessInput } from "./schema";

// Who may manage Lead Sync (seed 001's access settings): admins always; others by role, or by their own grant.

/** Admins always; others by the organisation's rule: their role is listed, or (user mode) their own grant is on. */
export async function canManageLeadSync(orgId: string, user: { id: string; role: Role }): Promise<boolean> {
  if (user.role === "admin") return true;
  const access = await db.leadSyncAccess.findUnique({ where: { orgId } });
  if (!access) return false;
  if (access.mode === "role") return access.roles.includes(user.role);
  const grant = await db.leadSyncUserGrant.findFirst({ where: { userId: user.id, orgId } });
  return grant?.granted ?? false;
}

/** 403 unless the user may manage Lead Sync. */
export async function assertCanManageLeadSync(orgId: string, user: { id: string; role: Role }): Promise<void> {
  if (!(await canManageLeadSync(orgId, user))) {
    throw new ApiError(403, "forbidden", "You have no access to Lead Sync. Ask an admin to grant it to your role or to you.");
  }
}

export async function getLeadSyncAccess(orgId: string) {
  const access = await db.leadSyncAccess.findUnique({ where: { orgId } });
  const grants = await db.leadSyncUserGrant.findMany({ where: { orgId, granted: true }, select: { userId: true } });
  return { mode: access?.mode ?? "role", roles: access?.roles ?? [], grantedUserIds: grants.map((g) => g.userId) };
}

export async function setLeadSyncAccess(orgId: string, input: LeadSyncAccessInput) {
  await db.leadSyncAccess.upsert({ where: { orgId }, create: { orgId, ...input }, update: input });
  return getLeadSyncAccess(orgId);
}

/** A member's own grant (Advanced, User Level); the user must belong to the organisation. */
export async function setLeadSyncUserGrant(orgId: string, userId: string, granted: boolean) {
  const user = await db.user.findFirst({ where: { id: userId, orgId }, select: { id: true } });
  if (!user) throw new ApiError(404, "not_found", "No such person in your organisation.");
  await db.leadSyncUserGrant.upsert({ where: { userId }, create: { userId, orgId, granted }, update: { granted, orgId } });
  return getLeadSyncAccess(orgId);
}
