import { CRM_NAMES } from "@/lib/crm/crms";
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** An ISO instant in the viewer's own time zone. */
export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** Where a call came from, as people name it: a CRM, or the API. */
export function callSourceName(source: string): string {
  return source === "api" ? "API" : (CRM_NAMES[source as keyof typeof CRM_NAMES] ?? source);
}
