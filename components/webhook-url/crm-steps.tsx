import type { Crm } from "@/lib/crm/crms";
import { HUBSPOT_TOKEN_LOCATION } from "@/lib/integrations/schema";

/** Where the URL goes in each CRM, in the order its screens ask for it. */
export function CrmSteps({ crm, headerMode }: { crm: Crm; headerMode: boolean }) {
  if (crm === "hubspot") {
    return (
      <div className="text-sm">
        <h3 className="font-medium">In HubSpot</h3>
        <ol className="mt-1 list-decimal space-y-1 pl-5 text-slate-700">
          <li>
            Open your private app (<strong>Developer → Legacy Apps → your private app</strong>) and its <strong>Webhooks</strong> tab.
          </li>
          <li>
            Paste the URL above as the <strong>Target URL</strong>.
          </li>
          <li>
            <strong>Create subscription</strong>: object <strong>Contact</strong>, event <strong>Created</strong> (contact.creation), then
            save and commit.
          </li>
          <li>
            The app needs the scopes crm.objects.contacts.read and crm.schemas.contacts.read; connect it under Integrations with its token (
            <strong>{HUBSPOT_TOKEN_LOCATION}</strong>) so Leadline can read each new contact.
          </li>
        </ol>
      </div>
    );
  }
  return (
    <div className="text-sm">
      <h3 className="font-medium">In LeadSquared</h3>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-slate-700">
        <li>
          Go to <strong>My Account → Settings → API and Webhooks → Webhooks</strong> and create a webhook.
        </li>
        <li>
          Event: <strong>Lead Created</strong> (listed as “Lead Creation”).
        </li>
        <li>Webhook URL: paste the URL above.</li>
        <li>
          Content Type: <strong>application/json</strong>. LeadSquared often preselects form encoding; change it.
        </li>
        {headerMode && (
          <li>
            Custom Headers: name <code>X-API-KEY</code>, value: your key.
          </li>
        )}
        <li>Save. LeadSquared checks the URL first; Leadline answers that check.</li>
      </ol>
    </div>
  );
}
