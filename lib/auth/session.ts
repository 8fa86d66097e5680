import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { isSetUp } from "@/lib/orgs/queries";

export type SessionUser = {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: "admin" | "member";
  organization: { name: string; timezone: string };
};

/** The signed-in user, read fresh from Postgres, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  const id = session?.userId;
  if (!id) return null;
  return db.user.findUnique({
    where: { id },
    select: { id: true, orgId: true, email: true, name: true, role: true, organization: { select: { name: true, timezone: true } } },
  });
}

/** For pages: sends visitors to setup or sign-in when needed. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  redirect((await isSetUp()) ? "/login" : "/setup");
}

/** For admin-only pages: members get the 403 page. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
