"use client";

import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useDisconnectIntegration, useTestIntegration } from "@/lib/client/integrations";

const CONSEQUENCES: Record<Crm, string> = {
  leadsquared: "Leadline forgets the keys. Webhook leads still arrive, but missing fields can no longer be read from LeadSquared.",
  hubspot: "Leadline forgets the token and client secret. HubSpot webhooks can no longer be read or their signatures checked.",
};

function TestConnection({ crm }: { crm: Crm }) {
  const test = useTestIntegration(crm);
  const outcome = test.data && (test.data.status === "connected" ? "The connection works." : "The check failed; see Last error.");
  return (
    <>
      {/* Not disabled while testing: a disabled button would drop keyboard focus. */}
      <Button
        variant="secondary"
        onClick={() => !test.isPending && test.mutate()}
        aria-busy={test.isPending}
        aria-label={`Test connection to ${CRM_NAMES[crm]}`}
      >
        {test.isPending ? "Testing…" : "Test connection"}
      </Button>
      <p role="status" className={`order-last w-full text-sm ${test.data?.status === "error" ? "text-red-800" : "text-green-800"}`}>
        {!test.isPending && outcome}
      </p>
      {test.error && <FormError message={test.error.message} />}
    </>
  );
}

function Disconnect({ crm }: { crm: Crm }) {
  const disconnect = useDisconnectIntegration(crm);
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => opener.current?.focus());
  };

  if (!confirming) {
    return (
      <Button ref={opener} variant="danger" onClick={() => setConfirming(true)} aria-label={`Disconnect ${CRM_NAMES[crm]}`}>
        Disconnect
      </Button>
    );
  }
  return (
    <div
      role="group"
      aria-labelledby={`${crm}-disconnect-question`}
      onKeyDown={(e) => e.key === "Escape" && cancel()}
      className="flex w-full flex-col gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm"
    >
      <p id={`${crm}-disconnect-question`}>
        <strong>Disconnect {CRM_NAMES[crm]}?</strong> {CONSEQUENCES[crm]}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" autoFocus onClick={() => disconnect.mutate()} disabled={disconnect.isPending}>
          Yes, disconnect
        </Button>
        <Button variant="secondary" onClick={cancel}>
          Cancel
        </Button>
      </div>
      {disconnect.error && <FormError message={disconnect.error.message} />}
    </div>
  );
}

export function ConnectionActions({ crm }: { crm: Crm }) {
  return (
    <>
      <TestConnection crm={crm} />
      <Disconnect crm={crm} />
    </>
  );
}
