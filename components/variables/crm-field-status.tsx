"use client";

import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import { Button } from "@/components/ui/button";
import { ClientApiError } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { useCrmFields, useRefreshCrmFields } from "@/lib/client/variables";

/** Where the dropdown's fields come from, how fresh they are, and why there are none. */
export function CrmFieldStatus({ crm }: { crm: Crm }) {
  const fields = useCrmFields(crm);
  const refresh = useRefreshCrmFields(crm);
  const error = refresh.error ?? fields.error;
  const notConnected = error instanceof ClientApiError && error.code === "not_connected";
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
      {fields.data && (
        <span>
          {fields.data.fields.length} {CRM_NAMES[crm]} fields, read {formatDateTime(fields.data.fetchedAt)}.
        </span>
      )}
      {fields.isPending && <span>Reading {CRM_NAMES[crm]}’s fields…</span>}
      {error && (
        <span role="alert" className="text-amber-800">
          {notConnected
            ? `${CRM_NAMES[crm]} is not connected, so there is no field list; connect it under Integrations, or type field names.`
            : error.message}
        </span>
      )}
      {!notConnected && (
        <Button type="button" variant="secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
          {refresh.isPending ? "Refreshing…" : `Refresh ${CRM_NAMES[crm]} fields`}
        </Button>
      )}
    </div>
  );
}
