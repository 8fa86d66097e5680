"use client";

import { CRM_NAMES } from "@/lib/crm/crms";
import { useRouter } from "next/navigation";
import { Choice, DateRange, label } from "@/components/calls/filter-fields";
import { DeliveriesTable } from "@/components/deliveries/deliveries-table";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { DELIVERY_FILTER_KEYS } from "@/lib/client/deliveries";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import { DELIVERY_STATUSES } from "@/lib/deliveries/schema";

export function DeliveryLog({ agents, timezone }: { agents: Array<{ id: string; name: string }>; timezone: string }) {
  const filters = useUrlFilters(DELIVERY_FILTER_KEYS, timezone);
  const router = useRouter();
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Every request your CRMs sent to the webhook, what became of each lead, and how to fix what was refused."
      />
      <div className="grid grid-cols-2 gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-xs md:grid-cols-5">
        <Choice name="agent_id" text="Agent" options={agents.map((a) => [a.id, a.name] as const)} filters={filters} />
        <Choice name="crm" text="CRM" options={Object.entries(CRM_NAMES)} filters={filters} />
        <Choice name="status" text="Status" options={DELIVERY_STATUSES.map((s) => [s, label(s)] as const)} filters={filters} />
        <DateRange filters={filters} />
        {filters.active && (
          <Button
            type="button"
            variant="secondary"
            className="col-span-2 justify-self-start md:col-span-5"
            onClick={() => router.push("/deliveries", { scroll: false })}
          >
            Clear filters
          </Button>
        )}
      </div>
      <DeliveriesTable query={filters.query} agentNames={new Map(agents.map((a) => [a.id, a.name]))} filtered={filters.active} />
    </>
  );
}
