// POST /api/call/crm-webhook?agent_id=…&type=leadsquared|hubspot&… – a CRM delivers one or many leads for an agent
import { handleCrmWebhook } from "@/lib/webhook/handle";

export const POST = (req: Request) => handleCrmWebhook(req);

// LeadSquared checks a webhook URL with HEAD before enabling it.
export const HEAD = () => new Response(null, { status: 200 });
