"use client";

import { FormError } from "@/components/ui/field";
import { useGrantLeadSync, useLeadSyncAccess } from "@/lib/client/lead-sync";

/** A member's own Lead Sync switch, read when access is "Advanced (user level)"; admins need none. */
export function MemberLeadSyncGrant({ userId, name }: { userId: string; name: string }) {
  const access = useLeadSyncAccess();
  const grant = useGrantLeadSync();
  if (!access.data || access.data.mode !== "user") return null;
  const granted = access.data.grantedUserIds.includes(userId);
  return (
    <div className="flex flex-col">
      <label className="inline-flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          role="switch"
          className="size-4 accent-brand-600"
          aria-label={`Lead Sync for ${name}`}
          checked={granted}
          disabled={grant.isPending}
          onChange={(e) => grant.mutate({ userId, granted: e.target.checked })}
        />
        Lead Sync
      </label>
      <FormError message={grant.error?.message} />
    </div>
  );
}
