import { z } from "zod";
import { ApiError } from "@/lib/http/errors";

/** The CRMs Leadline connects, in the order the dashboard lists them; the database's CrmType enum holds the same. */
export const CRMS = ["leadsquared", "hubspot"] as const;
export type Crm = (typeof CRMS)[number];

/** Each CRM as people write it. */
export const CRM_NAMES: Record<Crm, string> = { leadsquared: "LeadSquared", hubspot: "HubSpot" };

export const crmSchema = z.enum(CRMS, { message: `Leadline connects ${CRMS.join(" and ")}.` });

export function isCrm(value: unknown): value is Crm {
  return CRMS.includes(value as Crm);
}

/** The `:crm` of a URL; anything else is a page that does not exist. */
export function crmOfParam(value: string | undefined): Crm {
  if (isCrm(value)) return value;
  throw new ApiError(404, "unknown_crm", `Leadline connects ${CRMS.join(" and ")}, not ${value}.`);
}
