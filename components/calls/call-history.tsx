"use client";

import { useRouter } from "next/navigation";
import { CallFilters } from "@/components/calls/call-filters";
import { CallsTable } from "@/components/calls/calls-table";
import { OutcomesChart } from "@/components/calls/outcomes-chart";
import { CALL_FILTER_KEYS, callExportUrl } from "@/lib/client/calls";
import { useUrlFilters } from "@/lib/client/use-url-filters";

export function CallHistory({ agents, timezone }: { agents: Array<{ id: string; name: string }>; timezone: string }) {
  const filters = useUrlFilters(CALL_FILTER_KEYS, timezone);
  const router = useRouter();
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Call History</h1>
        <a
          href={callExportUrl(filters.query)}
          download
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
        >
          Download CSV
        </a>
      </div>
      <CallFilters agents={agents} filters={filters} onClear={() => router.push("/calls", { scroll: false })} />
      <OutcomesChart query={filters.query} />
      <CallsTable query={filters.query} agentNames={new Map(agents.map((a) => [a.id, a.name]))} filtered={filters.active} />
    </>
  );
}
