"use client";

import { KeyRound } from "lucide-react";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { useApiKeys, useRevokeApiKey, type ApiKeyRow } from "@/lib/client/api-keys";
import { formatDateTime } from "@/lib/client/format";

function Revoke({ row }: { row: ApiKeyRow }) {
  const revoke = useRevokeApiKey();
  const onRevoke = () => {
    if (window.confirm(`Revoke “${row.name}”? Webhooks using it stop working at once.`)) revoke.mutate(row.id);
  };
  return (
    <Button variant="danger" onClick={onRevoke} disabled={revoke.isPending} aria-label={`Revoke ${row.name}`}>
      Revoke
    </Button>
  );
}

const COLUMNS: Column<ApiKeyRow>[] = [
  { header: "Name", cell: (r) => <span className="font-medium text-slate-900">{r.name}</span> },
  {
    header: "Status",
    cell: (r) =>
      r.revokedAt ? <StatusBadge status="revoked" label={`revoked ${formatDateTime(r.revokedAt)}`} /> : <StatusBadge status="active" />,
  },
  { header: "Key", cell: (r) => <span className="font-mono text-xs">{r.prefix}</span> },
  { header: "Created", cell: (r) => formatDateTime(r.createdAt), className: "lg:whitespace-nowrap" },
  { header: "Last used", cell: (r) => (r.lastUsedAt ? formatDateTime(r.lastUsedAt) : "never"), className: "lg:whitespace-nowrap" },
  { header: "Action", cell: (r) => (r.revokedAt ? "—" : <Revoke row={r} />) },
];

export function ApiKeysPanel() {
  const keys = useApiKeys();
  return (
    <div className="flex flex-col gap-6">
      <CreateApiKeyForm />
      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-base font-semibold text-slate-900">
          Your keys
        </h2>
        {keys.error && <FormError message={keys.error.message} />}
        {keys.data?.length === 0 && (
          <EmptyState icon={KeyRound} title="No keys yet">
            Create one above, or from an agent&apos;s Webhook URL tab.
          </EmptyState>
        )}
        {!!keys.data?.length && <DataTable caption="API keys" columns={COLUMNS} rows={keys.data} rowKey={(r) => r.id} />}
      </section>
    </div>
  );
}
