"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useLeadSyncAccess, useSaveLeadSyncAccess } from "@/lib/client/lead-sync";

/** Connector Access (seed 001, §5): admins always; besides them members by role, or each member's own grant. */
export function LeadSyncAccessSettings() {
  const access = useLeadSyncAccess();
  const save = useSaveLeadSyncAccess();
  const [saved, setSaved] = useState(false);
  if (access.error) return <FormError message={access.error.message} />;
  if (!access.data) return null;
  const { mode, roles } = access.data;
  const set = (next: { mode: "role" | "user"; roles: Array<"admin" | "member"> }) => {
    setSaved(false);
    save.mutate(next, { onSuccess: () => setSaved(true) });
  };
  return (
    <Card
      title="Lead Sync access"
      description="Admins always manage Lead Sync. Choose who else may configure connectors and read their logs."
    >
      <fieldset className="flex flex-col gap-2 text-sm text-slate-700" disabled={save.isPending}>
        <legend className="sr-only">Who besides admins manages Lead Sync</legend>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="lead-sync-mode"
            className="mt-0.5 size-4 accent-brand-600"
            checked={mode === "role"}
            onChange={() => set({ mode: "role", roles })}
          />
          <span>
            <strong>Based on role</strong>
            <span className="block text-slate-600">Everyone with a chosen role.</span>
          </span>
        </label>
        {mode === "role" && (
          <label className="ml-6 flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              checked={roles.includes("member")}
              onChange={(e) => set({ mode: "role", roles: e.target.checked ? ["member"] : [] })}
            />
            Members
          </label>
        )}
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="lead-sync-mode"
            className="mt-0.5 size-4 accent-brand-600"
            checked={mode === "user"}
            onChange={() => set({ mode: "user", roles: [] })}
          />
          <span>
            <strong>Advanced (user level)</strong>
            <span className="block text-slate-600">Only the members whose “Lead Sync” switch is on in the list below.</span>
          </span>
        </label>
      </fieldset>
      <p role="status" className="mt-2 text-sm text-emerald-800">
        {save.isPending ? "Saving…" : saved ? "Saved." : ""}
      </p>
      <FormError message={save.error?.message} />
    </Card>
  );
}
