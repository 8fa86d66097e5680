"use client";

import { FormError } from "@/components/ui/field";
import { TableHead } from "@/components/ui/table-head";
import { useCalls } from "@/lib/client/calls";
import { formatDateTime } from "@/lib/client/format";

const STATUS_STYLE: Record<string, string> = {
  completed: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-700",
};

export function CallsTable() {
  const calls = useCalls();
  if (calls.error) return <FormError message={calls.error.message} />;
  if (calls.data?.calls.length === 0) return <p className="mt-4 text-sm text-slate-600">No calls yet. Every lead your CRM sends appears here with each attempt.</p>;
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Calls, newest first</caption>
        <TableHead columns={["Lead", "Status", "Last outcome", "Attempts", "Next attempt", "Received"]} />
        <tbody>
          {calls.data?.calls.map((c) => (
            <tr key={c.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <div className="font-medium">{c.leadName ?? c.crmLeadId ?? "—"}</div>
                <div className="font-mono text-xs text-slate-600">{c.phone || "reading from CRM…"}</div>
              </td>
              <td className="px-3 py-2">
                <span className={`rounded px-2 py-0.5 text-xs ${STATUS_STYLE[c.status] ?? "bg-brand-50 text-brand-700"}`}>{c.status.replace("_", " ")}</span>
              </td>
              <td className="px-3 py-2">{c.lastOutcome?.replace("_", " ") ?? "—"}</td>
              <td className="px-3 py-2">
                {c.attemptsMade} / {c.maxAttempts}
              </td>
              <td className="px-3 py-2">
                {c.nextAttemptAt ? formatDateTime(c.nextAttemptAt) : "—"}
                {c.nextAttemptReason && <div className="text-xs text-slate-500">{c.nextAttemptReason.text}</div>}
              </td>
              <td className="px-3 py-2">{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
