"use client";

import { RotateCcw } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { useReplayDelivery } from "@/lib/client/deliveries";

/** "Replay" for a delivery a fix in Leadline can change: runs it again as a new delivery, and shows what it became. */
export function ReplayDelivery({ deliveryId, canAct }: { deliveryId: string; canAct: boolean }) {
  const replay = useReplayDelivery(deliveryId);
  const result = replay.data;
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-xs sm:p-5">
      <p className="text-slate-700">
        Fixed the cause in Leadline (a variable mapping, an agent default, an integration)? Replay runs this request again as a new
        delivery.
      </p>
      <Button
        type="button"
        disabled={!canAct || replay.isPending}
        aria-describedby={canAct ? undefined : "replay-why"}
        onClick={() => replay.mutate()}
      >
        <RotateCcw aria-hidden />
        {replay.isPending ? "Replaying…" : "Replay"}
      </Button>
      {!canAct && (
        <p id="replay-why" className="text-xs text-slate-600">
          Only admins can replay deliveries.
        </p>
      )}
      <FormError message={replay.error?.message} />
      {result && (
        <div role="status" className="rounded-lg border border-slate-200 bg-slate-50 p-3">
          <p className="flex flex-wrap items-center gap-2">
            Replayed as{" "}
            <Link href={`/deliveries/${result.id}`} className="font-mono break-all text-brand-700 underline">
              {result.id}
            </Link>{" "}
            <StatusBadge status={result.status} />
          </p>
          <ul className="mt-1 space-y-1">
            {result.leads.map((l) => (
              <li key={l.id}>
                {l.crmLeadId ?? "lead"}: {l.status}
                {l.callTaskId && (
                  <>
                    {" "}
                    —{" "}
                    <Link href={`/calls/${l.callTaskId}`} className="text-brand-700 underline">
                      open the call
                    </Link>
                  </>
                )}
                {l.reason && <span className="text-slate-600"> — {l.reason}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
