import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Notice } from "@/components/ui/notice";

/** The generated URL and where it goes in the source account (seed 001, §6.3 and §7). */
export function WebhookSteps({ url, enabled }: { url: string; enabled: boolean }) {
  const withoutScheme = url.replace(/^https?:\/\//, "");
  const https = url.startsWith("https://");
  return (
    <Card
      title="Webhook URL"
      description="Paste it into an automation of the source account; every new or updated lead is then pushed here."
    >
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="lead-sync-webhook-url" className="min-w-0 flex-1 rounded-md bg-slate-50 px-3 py-2 text-xs break-all">
            {url}
          </code>
          <CopyButton text={url} label="Copy URL" />
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>Without {https ? "https://" : "http://"} (LeadSquared asks for the scheme separately):</span>
          <CopyButton text={withoutScheme} label="Copy without scheme" />
        </div>
        <p className="text-xs text-slate-600">The URL carries this connector’s own secret: treat it like a password.</p>
      </div>
      <h3 className="mt-4 text-sm font-medium text-slate-900">In the source LeadSquared account</h3>
      <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>
          Make sure the <strong>Webhooks</strong> user automation action is enabled for the account (LeadSquared support turns it on).
        </li>
        <li>
          Go to <strong>Workflow → Automation</strong> and create an automation with the <strong>New Lead</strong> trigger (or{" "}
          <strong>Lead Update</strong>, to push leads when they change, e.g. when the stage moves to “post purchase”).
        </li>
        <li>
          Click <strong>Add Automation</strong> and, under <strong>Actions</strong>, choose <strong>Webhook</strong>.
        </li>
        <li>
          In <strong>Webhook – PostWebhook</strong>, choose the method <strong>{https ? "https://" : "http://"}</strong> and paste the URL
          without it next to <strong>URL</strong> (use “Copy without scheme”).
        </li>
        <li>
          Click <strong>Verify</strong>: Leadline answers LeadSquared’s check. Then fill in the other required details.
        </li>
        <li>
          Click <strong>Save</strong>, then <strong>Publish</strong>.
        </li>
      </ol>
      {!enabled && (
        <div className="mt-4">
          <Notice tone="warning" title="The sync is off">
            Until you enable it under More actions, each post to this URL is logged as a failed job (LeadSquared still gets its 200); enable
            the sync, then Retry those jobs.
          </Notice>
        </div>
      )}
    </Card>
  );
}
