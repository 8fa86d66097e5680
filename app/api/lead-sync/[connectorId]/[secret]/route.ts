// POST /api/lead-sync/:connectorId/:secret – the source account's automation posts leads for one Lead Sync connector
import { leadSquaredConfigError } from "@/lib/crm/leadsquared/respond";
import { readRawBody } from "@/lib/http/body";
import { withErrors } from "@/lib/http/route";
import { smallJson } from "@/lib/http/small-json";
import { authenticateConnector } from "@/lib/lead-sync/queries";
import { receiveDelivery } from "@/lib/lead-sync/receive";

type Params = { params: Promise<Record<string, string>> };

const unknownConnector = () =>
  leadSquaredConfigError(404, "not_found", "No Lead Sync connector has this URL; copy it again from Leadline's Lead Sync page.");

export const POST = withErrors(async (req: Request, ctx: Params) => {
  const { connectorId = "", secret = "" } = await ctx.params;
  const connector = await authenticateConnector(connectorId, secret);
  if (!connector) return unknownConnector();
  const raw = await readRawBody(req);
  const outcome = await receiveDelivery({
    connector,
    raw,
    contentType: req.headers.get("content-type"),
    query: new URL(req.url).searchParams,
  });
  if (outcome.kind === "verified") return smallJson({ Status: "Success", StatusReason: "Leadline Lead Sync is ready" }, { status: 200 });
  if (outcome.kind === "refused") return leadSquaredConfigError(outcome.status, outcome.code, outcome.message);
  const { job } = outcome;
  // 200 even for a disabled sync: LeadSquared disables a webhook that keeps failing, and the job waits for a retry.
  const status = job.status === "failed" ? "Error" : "Success";
  return smallJson({ Status: status, StatusReason: job.error ?? `${job.leadCount} lead(s) queued`, jobId: job.id }, { status: 200 });
});

// LeadSquared's Verify and handshake: HEAD, or a GET, must answer 200 for the URL to be saved.
export const HEAD = withErrors(async (_req: Request, ctx: Params) => {
  const { connectorId = "", secret = "" } = await ctx.params;
  return new Response(null, { status: (await authenticateConnector(connectorId, secret)) ? 200 : 404 });
});

export const GET = withErrors(async (_req: Request, ctx: Params) => {
  const { connectorId = "", secret = "" } = await ctx.params;
  if (!(await authenticateConnector(connectorId, secret))) return unknownConnector();
  return smallJson({ Status: "Success", StatusReason: "Leadline Lead Sync is ready" }, { status: 200 });
});
