import type { Crm } from "@/lib/crm/crms";
import { CrmRegistration } from "@/components/webhook-url/crm-registration";
import { CrmSteps } from "@/components/webhook-url/crm-steps";
import { CopyButton } from "@/components/ui/copy-button";
import type { BuiltWebhookUrl } from "@/lib/webhook-url/build";

type Props = { built: BuiltWebhookUrl | null; crm: Crm; missingKey: boolean };

export function WebhookUrlResult({ built, crm, missingKey }: Props) {
  return (
    <section aria-labelledby="url-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="url-heading" className="font-medium">
        Your webhook URL
      </h2>
      {!built ? (
        <p className="text-sm text-slate-600">
          {missingKey ? "Paste an API key or create one for this webhook to see the URL." : "Fix the fields marked above to see the URL."}
        </p>
      ) : (
        <>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
            <code data-testid="webhook-url" className="min-w-0 flex-1 rounded-md bg-slate-50 px-3 py-2 font-mono text-xs break-all">
              {built.url}
            </code>
            <CopyButton text={built.url} label="Copy URL" />
          </div>
          {built.headers.map((h) => (
            <div key={h.name} className="flex flex-col gap-2 text-sm sm:flex-row sm:items-center">
              <span>Add this header in the CRM:</span>
              <code data-testid="webhook-header" className="rounded-md bg-slate-50 px-3 py-2 font-mono text-xs break-all">
                {h.name}: {h.value}
              </code>
              <CopyButton text={h.value} label="Copy key" />
            </div>
          ))}
        </>
      )}
      <CrmSteps crm={crm} headerMode={!!built?.headers.length} />
      <CrmRegistration built={built} crm={crm} />
    </section>
  );
}
