import { redirect } from "next/navigation";
import { FirstRunSteps } from "@/components/onboarding/first-run-steps";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { loadFirstRunSteps } from "@/lib/orgs/first-run-queries";

// Home: a new admin's set-up steps until a lead has arrived; afterwards (and for members) Call History.
export default async function Home() {
  const user = await requireUser();
  if (user.role !== "admin") redirect("/calls");
  const steps = await loadFirstRunSteps(user.orgId);
  if (steps.every((s) => s.done)) redirect("/calls");
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name}`}
        description="Leadline calls each new lead from your CRM. Four steps get the first one called; this page shows what is done."
      />
      <FirstRunSteps steps={steps} />
    </>
  );
}
