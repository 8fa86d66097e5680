"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useCallAction, type CallDetail } from "@/lib/client/calls";

/** Cancel and retry-now, each enabled only when the call's state allows it, with the reason shown when not. */
export function CallActions({ call, canAct }: { call: CallDetail; canAct: boolean }) {
  const cancel = useCallAction(call.id, "cancel");
  const retry = useCallAction(call.id, "retry");
  const busy = cancel.isPending || retry.isPending;
  const why = !canAct
    ? "Only admins can cancel or retry calls."
    : call.status === "scheduled"
      ? "This call has not dialed yet: you can cancel it."
      : call.status === "failed"
        ? "This call failed: “Retry now” dials it once more at once."
        : `This call is ${call.status.replace("_", " ")}: only a scheduled call can be cancelled and only a failed call retried.`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="danger"
          aria-describedby="call-actions-why"
          disabled={!canAct || busy || call.status !== "scheduled"}
          onClick={() => cancel.mutate()}
        >
          {cancel.isPending ? "Cancelling…" : "Cancel call"}
        </Button>
        <Button
          type="button"
          aria-describedby="call-actions-why"
          disabled={!canAct || busy || call.status !== "failed"}
          onClick={() => retry.mutate()}
        >
          {retry.isPending ? "Retrying…" : "Retry now"}
        </Button>
      </div>
      <p id="call-actions-why" className="text-xs text-slate-600">
        {why}
      </p>
      <FormError message={(cancel.error ?? retry.error)?.message} />
    </div>
  );
}
