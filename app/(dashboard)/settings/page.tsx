import { MembersPanel } from "@/components/settings/members-panel";
import { OrganizationForm } from "@/components/settings/organization-form";
import { requireUser } from "@/lib/auth/session";
import { getOrganization } from "@/lib/orgs/queries";

export default async function SettingsPage() {
  const user = await requireUser();
  const org = await getOrganization(user.orgId);
  const isAdmin = user.role === "admin";
  return (
    <>
      <h1 className="text-xl font-semibold">Settings</h1>
      <OrganizationForm
        readOnly={!isAdmin}
        defaults={{ name: org.name, timezone: org.timezone, countryCode: `+${org.defaultCountryCode}` }}
      />
      {isAdmin && <MembersPanel />}
    </>
  );
}
