import { ConnectLayout } from "@/components/integrations/connect-layout";
import { HubSpotForm } from "@/components/integrations/hubspot-form";
import { requireAdmin } from "@/lib/auth/session";
import { HUBSPOT_REQUIRED_SCOPES, HUBSPOT_WRITE_SCOPE } from "@/lib/crm/hubspot/client";
import { anyWriteBack } from "@/lib/crm-writes/agent-settings";
import { HUBSPOT_TOKEN_LOCATION } from "@/lib/integrations/schema";

export default async function HubSpotPage() {
  const user = await requireAdmin();
  // Writing outcomes back (an agent's Write-back tab) needs one more scope; ask for it only then.
  const writes = await anyWriteBack(user.orgId);
  const help = (
    <ol className="flex list-decimal flex-col gap-2 pl-5">
      <li>
        In HubSpot, create a private app (in a developer account: <strong>Developer → Legacy Apps → Create App</strong>, type{" "}
        <strong>Private</strong>).
      </li>
      <li>
        On its <strong>Scopes</strong> tab, add the scopes Leadline needs:
        <ul className="mt-1 flex flex-col gap-1">
          {HUBSPOT_REQUIRED_SCOPES.map((scope) => (
            <li key={scope}>
              <code>{scope}</code>
            </li>
          ))}
          {writes && (
            <li>
              <code>{HUBSPOT_WRITE_SCOPE}</code> (write-back is on for an agent: call engagements and property updates)
            </li>
          )}
        </ul>
        Leadline checks them when you connect and names any that are missing.
      </li>
      <li>
        Copy the token from <strong>{HUBSPOT_TOKEN_LOCATION}</strong>, and the <strong>client secret</strong> from the same Auth tab if you
        want webhook signatures checked.
      </li>
    </ol>
  );
  return (
    <ConnectLayout crm="hubspot" help={help}>
      <HubSpotForm />
    </ConnectLayout>
  );
}
