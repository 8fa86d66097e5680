import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/session";
import { isSetUp } from "@/lib/orgs/queries";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ email?: string; setup?: string }> }) {
  if (!(await isSetUp())) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { email, setup } = await searchParams;
  return (
    <main className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-2xl font-semibold">Sign in to Leadline</h1>
      {setup === "done" && (
        <p className="mt-2 text-sm text-green-800">Your organisation is ready. Sign in with the password you just chose.</p>
      )}
      <LoginForm email={email ?? ""} />
    </main>
  );
}
