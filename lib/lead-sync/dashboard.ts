import "server-only";
import { crmFields } from "@/lib/crm/field-cache";
import type { CrmField } from "@/lib/crm/fields";
import type { LeadFieldDetail } from "@/lib/crm/leadsquared/client";
import { db } from "@/lib/db";
import {
  checkAccount,
  destinationSecrets,
  getConnector,
  listConnectors,
  sourceSecrets,
  webhookUrlOf,
  type PresentedConnector,
} from "./queries";
import type { FieldListsInput } from "./dashboard-schema";

const asCrmFields = (fields: readonly LeadFieldDetail[]): CrmField[] =>
  fields.map((f) => ({ name: f.schemaName, label: f.displayName, type: f.dataType }));

/** A connector as the dashboard shows it: what presentConnector gives, its webhook URL, its last job and both field lists. */
function view(connector: PresentedConnector, webhookUrl: string, lastJob: { id: string; status: string; receivedAt: Date } | null) {
  const { sourceFields, destinationFields, ...rest } = connector;
  return { ...rest, webhookUrl, lastJob, fields: { source: asCrmFields(sourceFields), destination: asCrmFields(destinationFields) } };
}
export type ConnectorDashboardView = ReturnType<typeof view>;

async function lastJobs(orgId: string, connectorIds: string[]) {
  if (!connectorIds.length) return new Map<string, { id: string; status: string; receivedAt: Date }>();
  const rows = await db.leadSyncJob.findMany({
    where: { orgId, connectorId: { in: connectorIds } },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    distinct: ["connectorId"],
    select: { id: true, connectorId: true, status: true, receivedAt: true },
  });
  return new Map(rows.map((r) => [r.connectorId, { id: r.id, status: r.status, receivedAt: r.receivedAt }]));
}

async function webhookUrls(orgId: string, ids: string[]) {
  const rows = await db.leadSyncConnector.findMany({ where: { orgId, id: { in: ids } }, select: { id: true, webhookSecret: true } });
  return new Map(rows.map((r) => [r.id, webhookUrlOf(r)]));
}

export async function connectorViews(orgId: string) {
  const connectors = await listConnectors(orgId);
  const ids = connectors.map((c) => c.id);
  const [jobs, urls] = await Promise.all([lastJobs(orgId, ids), webhookUrls(orgId, ids)]);
  return connectors.map((c) => view(c, urls.get(c.id)!, jobs.get(c.id) ?? null));
}

export async function connectorView(orgId: string, id: string) {
  const connector = await getConnector(orgId, id);
  const [jobs, urls] = await Promise.all([lastJobs(orgId, [id]), webhookUrls(orgId, [id])]);
  return view(connector, urls.get(id)!, jobs.get(id) ?? null);
}

/**
 * Both accounts' lead fields for the mapping, read with the keys typed in (or, editing, the stored ones): the
 * destination from the organisation's LeadSquared integration (cached) or from its own keys.
 */
export async function readFieldLists(orgId: string, input: FieldListsInput) {
  const stored = input.connectorId ? await db.leadSyncConnector.findFirst({ where: { id: input.connectorId, orgId } }) : null;
  const destination = input.destination.useIntegration
    ? crmFields({ orgId, crm: "leadsquared" }).then((list) => list.fields)
    : checkAccount("destination", input.destination, stored?.destinationSecrets ? await destinationSecrets(stored) : null).then((a) =>
        asCrmFields(a.fields),
      );
  const source = checkAccount("source", input.source, stored ? sourceSecrets(stored) : null).then((a) => asCrmFields(a.fields));
  const [s, d] = await Promise.all([source, destination]);
  return { source: s, destination: d };
}

/** Everyone in the organisation, for "user to notify on failure". */
export function listPeople(orgId: string) {
  return db.user.findMany({ where: { orgId }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
}
