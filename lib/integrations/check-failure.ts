import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import type { CrmErrorKind } from "@/lib/http/fetch-json";

/** Why a credential check failed, in the words the dashboard shows, and the form field to fix (null: none). */
export type CheckFailure = { code: string; field: string | null; summary: string; message: string };

const SUMMARIES: Record<CrmErrorKind, (crm: Crm) => string> = {
  unauthorized: (crm) => (crm === "hubspot" ? "The token was rejected" : "The keys were rejected"),
  rejected: (crm) => `${CRM_NAMES[crm]} refused the request`,
  rate_limited: (crm) => `${CRM_NAMES[crm]} is rate limiting this account`,
  unreachable: () => "Host unreachable",
  timeout: () => "Host unreachable (timed out)",
  not_found: (crm) => `Not a ${CRM_NAMES[crm]} API`,
  bad_response: (crm) => `Not a ${CRM_NAMES[crm]} API`,
};

function fieldFor(crm: Crm, kind: CrmErrorKind, status: number | undefined): string | null {
  if (kind === "rate_limited" || (status !== undefined && status >= 500)) return null;
  // HubSpot's API address is the operator's setting, so only the token can be fixed in the form.
  if (crm === "hubspot") return kind === "unauthorized" || kind === "rejected" ? "token" : null;
  if (kind === "unauthorized") return "accessKey";
  return kind === "rejected" ? null : "host";
}

/** Maps a CRM client's failure to what the connect form and the integration card show. */
export function checkFailure(crm: Crm, error: { kind: CrmErrorKind; status?: number; message: string }): CheckFailure {
  const summary = error.status !== undefined && error.status >= 500 ? `Error on ${CRM_NAMES[crm]}'s side` : SUMMARIES[error.kind](crm);
  // The client's own rate-limit text promises an automatic retry; a person pressing a button needs different advice.
  const message =
    error.kind === "rate_limited"
      ? `${CRM_NAMES[crm]} limits how many API calls an account makes and that limit was just reached. Nothing is wrong with the credentials; try again in a minute.`
      : error.message;
  return { code: `crm_${error.kind}`, field: fieldFor(crm, error.kind, error.status), summary, message };
}

export function missingScopesFailure(missing: readonly string[]): CheckFailure {
  return {
    code: "missing_scopes",
    field: "token",
    summary: "The token lacks scopes",
    message: `The token lacks the scopes ${missing.join(", ")}. Add them to the private app, then copy its token again.`,
  };
}

/** One line for the integration's "last error": what went wrong, then the details. */
export function describeFailure(failure: CheckFailure): string {
  return `${failure.summary}. ${failure.message}`;
}
