import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { isSetUp } from "@/lib/orgs/queries";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (await isSetUp()) redirect("/login");
  return (
    <main className="mx-auto max-w-lg px-4 py-10">
      <h1 className="text-2xl font-semibold">Set up Leadline</h1>
      <p className="mt-1 text-slate-600">Create your organisation and its first admin. This page disappears once you are done.</p>
      <SetupForm />
    </main>
  );
}
