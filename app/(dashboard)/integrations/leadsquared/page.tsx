import { ConnectLayout } from "@/components/integrations/connect-layout";
import { LeadSquaredForm } from "@/components/integrations/leadsquared-form";
import { requireAdmin } from "@/lib/auth/session";

export default async function LeadSquaredPage() {
  await requireAdmin();
  const help = (
    <ol className="flex list-decimal flex-col gap-2 pl-5">
      <li>Sign in to LeadSquared as an administrator.</li>
      <li>
        Open <strong>My Account → Settings → API and Webhooks</strong>. The page shows the <strong>Access Key</strong>, the{" "}
        <strong>Secret Key</strong> and your account&apos;s <strong>API host</strong>.
      </li>
      <li>
        The host depends on your account&apos;s region: <code>https://api-in21.leadsquared.com</code> (Mumbai),{" "}
        <code>https://api-us11.leadsquared.com</code> (US), <code>https://api.leadsquared.com</code> (Singapore) and others. The address of
        the web app you sign in to will not work.
      </li>
      <li>Leadline checks the keys with LeadSquared before saving them. Keys stop working when their user is deactivated.</li>
    </ol>
  );
  return (
    <ConnectLayout crm="leadsquared" help={help}>
      <LeadSquaredForm />
    </ConnectLayout>
  );
}
