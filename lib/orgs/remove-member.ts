import "server-only";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";

/**
 * Removes a person from the organisation; their session ends on their next request, since every request reads the
 * user afresh. Nobody removes themselves here, and the last admin stays, so an organisation is never left unmanaged.
 */
export async function removeMember(input: { orgId: string; memberId: string; actorId: string }) {
  if (input.memberId === input.actorId) {
    throw new ApiError(409, "cannot_remove_self", "You cannot remove yourself. Ask another admin to remove you.");
  }
  return db.$transaction(async (tx) => {
    // Locks the organisation row so two admins removing each other at once cannot both succeed.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${input.orgId} FOR UPDATE`;
    const member = await tx.user.findFirst({
      where: { id: input.memberId, orgId: input.orgId },
      select: { id: true, email: true, name: true, role: true },
    });
    if (!member) throw new ApiError(404, "not_found", "No such person in your organisation.");
    if (member.role === "admin") {
      const otherAdmins = await tx.user.count({ where: { orgId: input.orgId, role: "admin", id: { not: member.id } } });
      if (otherAdmins === 0) {
        throw new ApiError(409, "last_admin", `${member.name} is the organisation's last admin. Make someone else an admin first.`);
      }
    }
    await tx.user.delete({ where: { id: member.id } });
    return member;
  });
}
