import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { loginSchema } from "@/lib/orgs/schema";

// A real hash of a throwaway password, so an unknown email costs as much time as a wrong password.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$KY3Bf4m1OK8sr6U2wMrhCg$m1y5ONI4YiSgE6c7Gna0Sqkr6AzqjiYyRROIWC9/1Ok";

async function authorize(credentials: Record<string, string> | undefined) {
  const parsed = loginSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, parsed.data.password);
  return user && ok ? { id: user.id, email: user.email, name: user.name } : null;
}

// next-auth 4 is the stable line; its credentials provider needs JWT sessions. Organisation and role
// are read from Postgres on every request (lib/auth/session.ts), so a role change applies at once.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
