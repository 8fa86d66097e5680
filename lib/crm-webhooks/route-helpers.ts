import "server-only";
import { crmOfParam } from "@/lib/crm/crms";
import { ApiError } from "@/lib/http/errors";
import type { Caller } from "@/lib/http/route";

/** Only LeadSquared has a webhook API; HubSpot's private apps subscribe in HubSpot's own screens. */
export function leadSquaredOnly(crm: string | undefined): void {
  if (crmOfParam(crm) === "hubspot") {
    throw new ApiError(
      404,
      "no_webhook_api",
      "HubSpot private apps cannot subscribe to webhooks by API: add the URL under the app's Webhooks tab.",
    );
  }
}

/** Who registered a webhook, as the list shows it. */
export function callerName(caller: Caller): string {
  return caller.via === "session" ? caller.user.email : `API key ${caller.keyName}`;
}
