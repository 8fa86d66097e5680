import { ApiKeysPanel } from "@/components/api-keys/api-keys-panel";
import { requireAdmin } from "@/lib/auth/session";

export default async function ApiKeysPage() {
  await requireAdmin();
  return (
    <>
      <h1 className="text-xl font-semibold">API keys</h1>
      <p className="mt-1 text-sm text-slate-600">
        Keys authenticate CRM webhooks (as <code>x_api_key</code> in the URL or the <code>X-API-KEY</code> header) and the public API.
      </p>
      <ApiKeysPanel />
    </>
  );
}
