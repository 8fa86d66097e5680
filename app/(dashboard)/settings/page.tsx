import { CallWebhookDeliveries } from "@/components/call-webhooks/call-webhook-deliveries";
import { CallWebhookPanel } from "@/components/call-webhooks/call-webhook-panel";
import { LeadSyncAccessSettings } from "@/components/lead-sync/access-settings";
import { MembersPanel } from "@/components/settings/members-panel";
import { OrganizationForm } from "@/components/settings/organization-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrganization } from "@/lib/orgs/queries";

export default async function SettingsPage() {
  const user = await requireUser();
  const org = await getOrganization(user.orgId);
  const isAdmin = user.role === "admin";
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          isAdmin
            ? "Your organisation's defaults and the people who can sign in."
            : "Your organisation's defaults; only admins change them."
        }
      />
      <div className="space-y-6">
        <OrganizationForm
          readOnly={!isAdmin}
          defaults={{ name: org.name, timezone: org.timezone, countryCode: `+${org.defaultCountryCode}` }}
        />
        {isAdmin && <MembersPanel currentUserId={user.id} />}
        {isAdmin && <CallWebhookPanel scope="org" />}
        {isAdmin && <CallWebhookDeliveries />}
        {isAdmin && <LeadSyncAccessSettings />}
      </div>
    </>
  );
}
