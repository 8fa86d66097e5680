"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/client/format";
import { useDismissNotices, useNotices } from "@/lib/client/lead-sync";

/** The failures of connectors that notify you, until you mark them seen (seed 001, "Select User to Notify on Failure"). */
export function FailureNotices() {
  const notices = useNotices();
  const dismiss = useDismissNotices();
  const list = notices.data ?? [];
  if (!list.length) return null;
  return (
    <Notice tone="danger" role="alert" title={`${list.length} failed sync job${list.length === 1 ? "" : "s"} to look at`}>
      <ul className="space-y-1">
        {list.map((n) => (
          <li key={n.id}>
            <Link href={`/lead-sync/${n.connectorId}/jobs/${n.jobId}`} className="font-medium underline">
              {n.connectorName}: {n.jobId}
            </Link>{" "}
            <span className="text-red-950">
              ({formatDateTime(n.createdAt)}) {n.message}
            </span>
          </li>
        ))}
      </ul>
      <div className="pt-1">
        <Button type="button" variant="secondary" onClick={() => dismiss.mutate(list.map((n) => n.id))} disabled={dismiss.isPending}>
          Mark as seen
        </Button>
      </div>
      <FormError message={dismiss.error?.message} />
    </Notice>
  );
}
