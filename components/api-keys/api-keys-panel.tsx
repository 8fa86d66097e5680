"use client";

import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useApiKeys, useRevokeApiKey, type ApiKeyRow } from "@/lib/client/api-keys";
import { formatDateTime } from "@/lib/client/format";

function KeyRow({ row }: { row: ApiKeyRow }) {
  const revoke = useRevokeApiKey();
  const onRevoke = () => {
    if (window.confirm(`Revoke “${row.name}”? Webhooks using it stop working at once.`)) revoke.mutate(row.id);
  };
  return (
    <tr className="border-t border-slate-200">
      <td className="py-2 pr-4 font-medium">{row.name}</td>
      <td className="py-2 pr-4 font-mono text-xs">{row.prefix}</td>
      <td className="py-2 pr-4">{formatDateTime(row.createdAt)}</td>
      <td className="py-2 pr-4">{row.lastUsedAt ? formatDateTime(row.lastUsedAt) : "never"}</td>
      <td className="py-2 pr-4">
        {row.revokedAt ? (
          <span className="text-slate-500">revoked {formatDateTime(row.revokedAt)}</span>
        ) : (
          <Button variant="danger" onClick={onRevoke} disabled={revoke.isPending} aria-label={`Revoke ${row.name}`}>
            Revoke
          </Button>
        )}
      </td>
    </tr>
  );
}

export function ApiKeysPanel() {
  const keys = useApiKeys();
  return (
    <div className="mt-6 flex flex-col gap-6">
      <CreateApiKeyForm />
      <section aria-labelledby="keys-heading" className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="keys-heading" className="font-medium">
          Your keys
        </h2>
        {keys.error && <FormError message={keys.error.message} />}
        {keys.data?.length === 0 && <p className="mt-2 text-sm text-slate-600">No keys yet. Create one above.</p>}
        {!!keys.data?.length && (
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="py-2 pr-4 font-medium">Key</th>
                <th className="py-2 pr-4 font-medium">Created</th>
                <th className="py-2 pr-4 font-medium">Last used</th>
                <th className="py-2 pr-4 font-medium">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((row) => (
                <KeyRow key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
