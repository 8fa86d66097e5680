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

/** What a lead needs after its search: a write (create or update), or nothing because its result is final. */
export type LeadPlan = {
  result: LeadResult;
  /** The source item with the lead's fields (an activity item gets its lead's fields from the source account). */
  source: Lead;
  write: { kind: "create"; attributes: Attribute[] } | { kind: "update"; leadId: string; attributes: Attribute[] } | null;
};

const reasons = (errors: { field: string; reason: string }[]) => errors.map((e) => `${e.field}: ${e.reason}`).join("; ");

/**
 * Maps one source item and searches the destination by Search By, then Secondary Search By (one call each), and
 * decides create, update or skip by the behaviour (seed 001 §6). A type mismatch fails this lead only, with the reason.
 */
export async function planLead(item: Lead, deps: SyncDeps): Promise<LeadPlan> {
  const { config, destination } = deps;
  const result = emptyResult(item);
  let source = item;
  if (result.sourceActivityId && !text(read(item, config.searchBy)) && result.sourceLeadId) {
    // An activity post names its lead; the lead's own fields are read from the source account.
    source = { ...((await deps.readSourceLead(result.sourceLeadId)) ?? {}), ...item };
  }
  const final = (changes: Partial<LeadResult>): LeadPlan => ({ result: { ...result, ...changes }, source, write: null });
  if (config.lead.behaviour === "do_nothing") return final({ error: "The sync behaviour is Do nothing" });
  const settings = { defaultCountryCode: config.defaultCountryCode, sourceTimeZone: config.sourceTimeZone };
  const first = mapLead({ source, fields: config.lead.fields, destinationFields: deps.destinationFields, existing: null, settings });
  if (!first.ok) return final({ outcome: "failed", error: reasons(first.errors) });

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
    return final({ outcome: "failed", error: `The source sent no value for ${names}, so the lead cannot be looked up` });
  }
  const foundId = found ? text(found.lead.ProspectID) : null;
  const action: LeadAction = decideLeadAction(config.lead.behaviour, {
    found: found && foundId ? { leadId: foundId, by: found.by } : null,
    searched,
  });
  if (action.kind === "skip") return final({ error: action.reason, destinationLeadId: foundId });
  if (action.kind === "create") {
    // Lead Source is set when the lead is made; LeadSquared keeps the first source on later captures.
    const attributes = [...first.attributes, { Attribute: "Source", Value: config.leadSource }];
    return { result: { ...result, request: redactAttributes(attributes) }, source, write: { kind: "create", attributes } };
  }
  // Defaults count only where the destination's own field is empty, so an update maps again against its copy.
  const mapped = mapLead({
    source,
    fields: config.lead.fields,
    destinationFields: deps.destinationFields,
    existing: found!.lead,
    settings,
  });
  if (!mapped.ok) return final({ outcome: "failed", error: reasons(mapped.errors), destinationLeadId: foundId });
  return {
    result: { ...result, request: redactAttributes(mapped.attributes), destinationLeadId: foundId },
    source,
    write: { kind: "update", leadId: action.leadId, attributes: mapped.attributes },
  };
}

/** Records a write's outcome on the plan's result: the lead written, or LeadSquared's refusal of this lead. */
export function settlePlan(plan: LeadPlan, outcome: { id: string; url: string } | { error: string; url: string }): LeadResult {
  const { result, write } = plan;
  if ("error" in outcome) {
    return {
      ...result,
      outcome: "failed",
      apiUrl: outcome.url,
      error: outcome.error,
      response: { Status: "Error", ExceptionMessage: outcome.error },
    };
  }
  const attributes = write!.attributes;
  return {
    ...result,
    outcome: write!.kind === "create" ? "created" : "updated",
    apiUrl: outcome.url,
    destinationLeadId: outcome.id,
    response: write!.kind === "create" ? { Status: "Success", Id: outcome.id } : { Status: "Success", AffectedRows: 1 },
    written: {
      leadId: outcome.id,
      fingerprint: writeFingerprint(attributes),
      fields: attributes.map((a) => a.Attribute).filter((n) => n !== "Source"),
    },
  };
}

/** Writes a planned lead with one call (Lead.Create or Lead.Update); a refusal of its data fails this lead only. */
export async function writeSingle(plan: LeadPlan, destination: LeadSquaredClient): Promise<LeadResult> {
  const { write } = plan;
  if (!write) return plan.result;
  try {
    if (write.kind === "create") return settlePlan(plan, await destination.createLead(write.attributes));
    const { url } = await destination.updateLead(write.leadId, write.attributes);
    return settlePlan(plan, { id: write.leadId, url });
  } catch (err) {
    const refusal = leadRefusal(err);
    if (!refusal) throw err;
    return settlePlan(plan, { error: refusal, url: plan.result.apiUrl ?? "" });
  }
}

/** After the lead's write: the item's activity, when the activity entity is on and the item carries one. */
export async function finishLead(result: LeadResult, source: Lead, deps: SyncDeps): Promise<LeadResult> {
  if (!deps.config.activity.enabled || !result.sourceActivityId || result.outcome === "failed") return result;
  const withActivity = { ...result };
  await syncActivity(source, result.destinationLeadId, withActivity, deps);
  return withActivity;
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
