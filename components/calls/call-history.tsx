"use client";

import { useRouter } from "next/navigation";
import { CallFilters } from "@/components/calls/call-filters";
import { CallsTable } from "@/components/calls/calls-table";
import { Download } from "lucide-react";
import { OutcomesChart } from "@/components/calls/outcomes-chart";
import { buttonClassName } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CALL_FILTER_KEYS, callExportUrl } from "@/lib/client/calls";
import { useUrlFilters } from "@/lib/client/use-url-filters";

export function CallHistory({ agents, timezone }: { agents: Array<{ id: string; name: string }>; timezone: string }) {
  const filters = useUrlFilters(CALL_FILTER_KEYS, timezone);
  const router = useRouter();
  return (
    <>
      <PageHeader
        title="Call History"
        description="Every call your agents place: who, when, what happened, and why the next attempt is due when it is."
        actions={
          <a href={callExportUrl(filters.query)} download className={buttonClassName("secondary")}>
            <Download aria-hidden />
            Download CSV
          </a>
        }
      />
      <CallFilters agents={agents} filters={filters} onClear={() => router.push("/calls", { scroll: false })} />
      <OutcomesChart query={filters.query} />
      <CallsTable query={filters.query} agentNames={new Map(agents.map((a) => [a.id, a.name]))} filtered={filters.active} />
    </>
  );
}
