import "server-only";
import { CrmError, type LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { isSecretName, REDACTED } from "@/lib/redact";
import { toUtcDateTime, type DestinationField } from "./convert";
import { decideLeadAction, type LeadAction } from "./decide";
import { writeFingerprint } from "./echo";
import { mapLead, searchValue, type Attribute } from "./map-lead";
import type { LeadSyncConfig } from "./schema";

type Lead = Record<string, unknown>;

export type Outcome = "created" | "updated" | "skipped" | "failed";

/** One lead's result, as lead_sync_results stores it. */
export type LeadResult = {
  outcome: Outcome;
  sourceLeadId: string | null;
  destinationLeadId: string | null;
  searchField: string | null;
  searchValue: string | null;
  apiUrl: string | null;
  request: unknown;
  response: unknown;
  error: string | null;
  activityOutcome: Outcome | null;
  activityError: string | null;
  sourceActivityId: string | null;
  destinationActivityId: string | null;
  /** What was written, to recognise it if LeadSquared sends it back to the opposite connector. */
  written: { leadId: string; fingerprint: string; fields: string[] } | null;
};

export type SyncDeps = {
  config: LeadSyncConfig;
  destination: LeadSquaredClient;
  destinationFields: Map<string, DestinationField>;
  /** Reads the source lead when an activity item does not carry the lead's fields. */
  readSourceLead: (id: string) => Promise<Lead | null>;
  /** The destination activity this connector made earlier for this source activity, if any. */
  findSyncedActivity: (sourceActivityId: string) => Promise<string | null>;
};

/** Fields of an activity that LeadSquared's activity APIs take at the top level rather than under Fields (§1.5.6). */
const ACTIVITY_FIELDS = new Map<string, DestinationField>([
  ["activityevent", { schemaName: "ActivityEvent", dataType: "Number" }],
  ["activitynote", { schemaName: "ActivityNote", dataType: "Text" }],
  ["activitydatetime", { schemaName: "ActivityDateTime", dataType: "DateTime" }],
]);

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null);
const read = (lead: Lead, name: string) => {
  const key = Object.keys(lead).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : lead[key];
};

function redactAttributes(attributes: Attribute[]): Attribute[] {
  return attributes.map((a) => (isSecretName(a.Attribute) ? { ...a, Value: REDACTED } : a));
}

function emptyResult(source: Lead): LeadResult {
  return {
    outcome: "skipped",
    sourceLeadId: text(read(source, "ProspectID")) ?? text(read(source, "RelatedProspectId")),
    destinationLeadId: null,
    searchField: null,
    searchValue: null,
    apiUrl: null,
    request: null,
    response: null,
    error: null,
    activityOutcome: null,
    activityError: null,
    sourceActivityId: text(read(source, "ProspectActivityId")),
    destinationActivityId: null,
    written: null,
  };
}

/** A CRM answer that fails this lead only (LeadSquared refused its data); anything else is the job's trouble. */
function leadRefusal(err: unknown): string | null {
  return err instanceof CrmError && err.kind === "rejected" ? err.message : null;
}

/**
 * Syncs one source item into the destination (seed 001 §6): search by Search By, then Secondary Search By; create,
 * update or skip per the behaviour; then the item's activity when the activity entity is on. A type mismatch or a
 * refusal of this lead's data fails this lead with the reason; rate limits, 5xx and refused keys are thrown for the
 * caller to retry or fail the job.
 */
export async function syncLead(item: Lead, deps: SyncDeps): Promise<LeadResult> {
  const { config, destination } = deps;
  const result = emptyResult(item);
  let source = item;
  if (result.sourceActivityId && !text(read(item, config.searchBy)) && result.sourceLeadId) {
    // An activity post names its lead; the lead's own fields are read from the source account.
    source = { ...((await deps.readSourceLead(result.sourceLeadId)) ?? {}), ...item };
  }
  if (config.lead.behaviour === "do_nothing") return { ...result, error: "The sync behaviour is Do nothing" };
  const settings = { defaultCountryCode: config.defaultCountryCode, sourceTimeZone: config.sourceTimeZone };
  const first = mapLead({ source, fields: config.lead.fields, destinationFields: deps.destinationFields, existing: null, settings });
  if (!first.ok) return { ...result, outcome: "failed", error: first.errors.map((e) => `${e.field}: ${e.reason}`).join("; ") };

  const searched: string[] = [];
  let found: { lead: Lead; by: string } | null = null;
  for (const field of [config.searchBy, config.secondarySearchBy]) {
    if (!field || found) continue;
    const value = searchValue(first.attributes, field);
    if (value === null) continue;
    searched.push(field);
    const { lead, url } = await destination.findLead(field, value);
    Object.assign(result, { searchField: field, searchValue: value, apiUrl: url });
    if (lead) found = { lead, by: field };
  }
  if (!searched.length) {
    const names = [config.searchBy, config.secondarySearchBy].filter(Boolean).join(" or ");
    return { ...result, outcome: "failed", error: `The source sent no value for ${names}, so the lead cannot be looked up` };
  }
  const foundId = found ? text(found.lead.ProspectID) : null;
  const action: LeadAction = decideLeadAction(config.lead.behaviour, {
    found: found && foundId ? { leadId: foundId, by: found.by } : null,
    searched,
  });
  let leadId: string | null = foundId;
  if (action.kind === "skip") {
    Object.assign(result, { error: action.reason, destinationLeadId: foundId });
  } else {
    // Defaults count only where the destination's own field is empty, so an update maps again against its copy.
    const mapped =
      action.kind === "update"
        ? mapLead({ source, fields: config.lead.fields, destinationFields: deps.destinationFields, existing: found!.lead, settings })
        : first;
    if (!mapped.ok) return { ...result, outcome: "failed", error: mapped.errors.map((e) => `${e.field}: ${e.reason}`).join("; ") };
    // Lead Source is set when the lead is made; LeadSquared keeps the first source on later captures.
    const attributes =
      action.kind === "create" ? [...mapped.attributes, { Attribute: "Source", Value: config.leadSource }] : mapped.attributes;
    result.request = redactAttributes(attributes);
    try {
      if (action.kind === "create") {
        const created = await destination.createLead(attributes);
        leadId = created.id;
        Object.assign(result, { outcome: "created", apiUrl: created.url, response: { Status: "Success", Id: created.id } });
      } else {
        const updated = await destination.updateLead(action.leadId, attributes);
        Object.assign(result, { outcome: "updated", apiUrl: updated.url, response: { Status: "Success", AffectedRows: 1 } });
      }
    } catch (err) {
      const refusal = leadRefusal(err);
      if (!refusal) throw err;
      return { ...result, outcome: "failed", error: refusal, response: { Status: "Error", ExceptionMessage: refusal } };
    }
    result.destinationLeadId = leadId;
    result.written = {
      leadId: leadId!,
      fingerprint: writeFingerprint(attributes),
      fields: attributes.map((a) => a.Attribute).filter((n) => n !== "Source"),
    };
  }
  if (config.activity.enabled && result.sourceActivityId) await syncActivity(source, leadId, result, deps);
  return result;
}

async function syncActivity(source: Lead, leadId: string | null, result: LeadResult, deps: SyncDeps): Promise<void> {
  const { config, destination } = deps;
  if (!leadId) {
    Object.assign(result, {
      activityOutcome: "skipped",
      activityError: "The lead is not in this account, so its activity has nowhere to go",
    });
    return;
  }
  const mapped = mapLead({
    source,
    fields: config.activity.fields,
    destinationFields: ACTIVITY_FIELDS,
    existing: null,
    settings: { defaultCountryCode: config.defaultCountryCode, sourceTimeZone: config.sourceTimeZone },
  });
  if (!mapped.ok) {
    Object.assign(result, { activityOutcome: "failed", activityError: mapped.errors.map((e) => `${e.field}: ${e.reason}`).join("; ") });
    if (result.outcome !== "failed") Object.assign(result, { outcome: "failed", error: `Activity: ${result.activityError}` });
    return;
  }
  const top = new Map(mapped.attributes.map((a) => [a.Attribute.toLowerCase(), a.Value]));
  const fields = mapped.attributes
    .filter((a) => !ACTIVITY_FIELDS.has(a.Attribute.toLowerCase()))
    .map((a) => ({ schemaName: a.Attribute, value: a.Value }));
  const existing = await deps.findSyncedActivity(result.sourceActivityId!);
  const behaviour = config.activity.behaviour;
  try {
    if (existing) {
      if (behaviour === "create_only") {
        Object.assign(result, {
          activityOutcome: "skipped",
          activityError: "This activity was synced before and the behaviour creates only new records",
          destinationActivityId: existing,
        });
        return;
      }
      await destination.updateActivity({ activityId: existing, note: top.get("activitynote"), fields });
      Object.assign(result, { activityOutcome: "updated", destinationActivityId: existing });
      return;
    }
    if (behaviour === "update_only") {
      Object.assign(result, {
        activityOutcome: "skipped",
        activityError: "This activity was not synced before and the behaviour updates only existing records",
      });
      return;
    }
    const event = Number(top.get("activityevent"));
    if (!Number.isInteger(event)) {
      Object.assign(result, {
        activityOutcome: "failed",
        activityError: "Map ActivityEvent (the destination's activity type code) or give it a default",
        outcome: "failed",
        error: "Activity: no ActivityEvent",
      });
      return;
    }
    const at = top.get("activitydatetime");
    const when = at ? toUtcDateTime(at, "UTC") : null;
    const posted = await destination.postActivity({
      leadId,
      activityEvent: event,
      note: top.get("activitynote") ?? "",
      at: when?.ok ? new Date(when.value.replace(" ", "T") + "Z") : new Date(),
      fields,
    });
    Object.assign(result, { activityOutcome: "created", destinationActivityId: posted.id });
  } catch (err) {
    const refusal = leadRefusal(err);
    if (!refusal) throw err;
    Object.assign(result, { activityOutcome: "failed", activityError: refusal, outcome: "failed", error: `Activity: ${refusal}` });
  }
}
