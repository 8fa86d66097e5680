"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useCallWrites, useRetryWrite, type CallWrite } from "@/lib/client/crm-writes";
import { formatDateTime } from "@/lib/client/format";

const STATE_WORDS: Record<CallWrite["status"], string> = {
  pending: "pending",
  running: "being written",
  written: "written",
  failed: "failed",
  cancelled: "cancelled",
};

/** The call's write-back to the CRM: each write's state, why one failed, and Retry for admins. */
export function CallWrites({ callId, progress, canAct }: { callId: string; progress: string; canAct: boolean }) {
  const writes = useCallWrites(callId, progress);
  const retry = useRetryWrite(callId);
  return (
    <Card title="Write-back to the CRM">
      {writes.isPending ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : !writes.data?.length ? (
        <p className="text-sm text-slate-600">
          Nothing written to the CRM for this call (write-back is off for its agent, or no attempt has ended yet).
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="CRM writes">
          {writes.data.map((w) => (
            <li key={w.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-testid="crm-write">
              <div>
                <p>
                  <span className="font-medium">{w.label}</span>:{" "}
                  <span data-testid="crm-write-state" className={w.status === "failed" ? "text-red-700" : ""}>
                    {STATE_WORDS[w.status]}
                  </span>
                  {w.tries > 1 && <span className="text-slate-600"> · {w.tries} tries</span>}
                </p>
                {w.lastError && <p className="text-xs text-slate-600">{w.lastError}</p>}
                {w.nextTryAt && w.tries > 0 && <p className="text-xs text-slate-600">Next try {formatDateTime(w.nextTryAt)}</p>}
              </div>
              {w.status === "failed" && canAct && (
                <Button type="button" disabled={retry.isPending} onClick={() => retry.mutate(w.id)}>
                  Retry
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError message={retry.error?.message} />
    </Card>
  );
}
