"use client";

import { Trash2 } from "lucide-react";
import { MemberLeadSyncGrant } from "@/components/lead-sync/member-grant";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useMembers, useRemoveMember, type MemberRow } from "@/lib/client/members";

function RemoveMember({ member }: { member: MemberRow }) {
  const remove = useRemoveMember();
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = () => {
    setConfirming(false);
    remove.reset();
    requestAnimationFrame(() => opener.current?.focus());
  };
  if (!confirming) {
    return (
      <Button ref={opener} variant="ghost" onClick={() => setConfirming(true)} aria-label={`Remove ${member.name}`}>
        <Trash2 aria-hidden />
        Remove
      </Button>
    );
  }
  const questionId = `remove-${member.id}-question`;
  return (
    <div
      role="group"
      aria-labelledby={questionId}
      onKeyDown={(e) => e.key === "Escape" && cancel()}
      className="flex w-full flex-col gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
    >
      <p id={questionId}>
        <strong>Remove {member.name}?</strong> They are signed out and cannot sign in again; calls and deliveries stay.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" autoFocus onClick={() => remove.mutate(member.id)} disabled={remove.isPending}>
          Yes, remove {member.name}
        </Button>
        <Button variant="secondary" onClick={cancel}>
          Keep
        </Button>
      </div>
      <FormError message={remove.error?.message} />
    </div>
  );
}

/** The organisation's people; an admin can remove anyone but themselves. */
export function MemberList({ currentUserId }: { currentUserId: string }) {
  const members = useMembers();
  if (members.error) return <FormError message={members.error.message} />;
  return (
    <ul aria-label="People" className="divide-y divide-slate-100 text-sm">
      {members.data?.map((m) => (
        <li key={m.id} aria-label={m.name} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3">
          <div className="min-w-0 flex-1">
            <p className="font-medium text-slate-900">
              {m.name}
              {m.id === currentUserId && <span className="font-normal text-slate-600"> (you)</span>}
            </p>
            <p className="break-all text-slate-600">{m.email}</p>
          </div>
          <span className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs font-medium text-slate-700">{m.role}</span>
          {m.role === "member" && <MemberLeadSyncGrant userId={m.id} name={m.name} />}
          {m.id !== currentUserId && <RemoveMember member={m} />}
        </li>
      ))}
    </ul>
  );
}
