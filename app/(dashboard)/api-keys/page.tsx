import { ApiKeysPanel } from "@/components/api-keys/api-keys-panel";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";

export default async function ApiKeysPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys authenticate CRM webhooks (as <code className="font-mono">x_api_key</code> in the URL or the{" "}
            <code className="font-mono">X-API-KEY</code> header) and the public API.
          </>
        }
      />
      <ApiKeysPanel />
    </>
  );
}
