"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Choice, DateRange, label, type Filters } from "@/components/calls/filter-fields";
import { CALL_SOURCES, CALL_STATUSES } from "@/lib/calls/schema";
import { callSourceName } from "@/lib/client/format";
import { OUTCOMES } from "@/lib/schedule/types";

export function CallFilters({
  agents,
  filters,
  onClear,
}: {
  agents: Array<{ id: string; name: string }>;
  filters: Filters;
  onClear: () => void;
}) {
  const pairs = (values: readonly string[]) => values.map((v) => [v, label(v)] as const);
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <form
        role="search"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          filters.set({ q: String(new FormData(e.currentTarget).get("q") ?? "") });
        }}
      >
        <div className="min-w-0 flex-1 basis-56">
          <TextField
            key={filters.value("q")}
            label="Search calls"
            name="q"
            type="search"
            defaultValue={filters.value("q")}
            placeholder="Name, phone or CRM lead id"
          />
        </div>
        <Button type="submit">Search</Button>
      </form>
      <div className="grid grid-cols-2 gap-2 md:grid-cols-6">
        <Choice name="agent_id" text="Agent" options={agents.map((a) => [a.id, a.name] as const)} filters={filters} />
        <Choice name="status" text="Status" options={pairs(CALL_STATUSES)} filters={filters} />
        <Choice name="outcome" text="Last outcome" options={pairs(OUTCOMES)} filters={filters} />
        <Choice name="crm" text="CRM" options={CALL_SOURCES.map((v) => [v, callSourceName(v)] as const)} filters={filters} />
        <DateRange filters={filters} />
      </div>
      {filters.active && (
        <Button type="button" variant="secondary" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
