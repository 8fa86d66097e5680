"use client";

import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import Link from "next/link";
import type { ReactNode } from "react";
import { ConnectionActions } from "@/components/integrations/connection-actions";
import { buttonClassName } from "@/components/ui/button";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/client/format";
import type { IntegrationView } from "@/lib/client/integrations";

const ABOUT: Record<Crm, string> = {
  leadsquared: "Reads leads from LeadSquared when a webhook leaves fields out, and lists its lead fields for variables.",
  hubspot: "Reads each new contact from HubSpot and checks the signature of HubSpot's webhook requests.",
};

const BADGES = {
  connected: ["connected", "Connected"],
  error: ["error", "Error"],
  none: ["not_connected", "Not connected"],
} as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-3">
      <dt className="shrink-0 text-slate-600 sm:w-32">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const hint = (value: string | undefined, absent: string) => (value ? <code className="font-mono">{value}</code> : absent);

function Details({ integration }: { integration: IntegrationView }) {
  const { config, secretHints: hints } = integration;
  return (
    <dl className="mt-3 flex flex-col gap-2 text-sm">
      {integration.crm === "leadsquared" ? (
        <>
          <Row label="Account">{config.account ?? "unknown"}</Row>
          <Row label="Host">{config.host}</Row>
          {config.timeZone && <Row label="Time zone">{config.timeZone}</Row>}
          <Row label="Access Key">{hint(hints.accessKey, "not stored")}</Row>
          <Row label="Secret Key">{hint(hints.secretKey, "not stored")}</Row>
        </>
      ) : (
        <>
          <Row label="Portal ID">{config.portalId ?? "unknown"}</Row>
          <Row label="Access token">{hint(hints.token, "not stored")}</Row>
          <Row label="Client secret">{hint(hints.clientSecret, "not set: webhook signatures are not checked")}</Row>
        </>
      )}
      <Row label="Last checked">{integration.lastCheckedAt ? formatDateTime(integration.lastCheckedAt) : "never"}</Row>
      {integration.lastError && (
        <Row label="Last error">
          <span className="text-red-800">{integration.lastError}</span>
        </Row>
      )}
    </dl>
  );
}

export function IntegrationCard({ crm, integration }: { crm: Crm; integration?: IntegrationView }) {
  const name = CRM_NAMES[crm];
  const [status, badge] = BADGES[integration?.status ?? "none"];
  return (
    <section
      aria-labelledby={`${crm}-heading`}
      className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${crm}-heading`} className="text-base font-semibold text-slate-900">
          {name}
        </h2>
        <span data-testid={`${crm}-status`}>
          <StatusBadge status={status} label={badge} />
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600">{ABOUT[crm]}</p>
      {integration && <Details integration={integration} />}
      <div className="mt-4 flex flex-wrap items-start gap-2">
        <Link
          href={`/integrations/${crm}`}
          className={buttonClassName(integration ? "secondary" : "primary")}
          aria-label={integration ? `Update credentials for ${name}` : `Connect ${name}`}
        >
          {integration ? "Update credentials" : "Connect"}
        </Link>
        {integration && <ConnectionActions crm={crm} />}
      </div>
    </section>
  );
}
