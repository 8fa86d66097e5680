import "server-only";
import { CrmError, isRecord } from "@/lib/http/fetch-json";
import { leadSquaredDateTime, RATE_LIMIT_EXCEPTION, text } from "./values";

/** A call outcome as an activity on the lead (ProspectActivity.svc/Create, §1.5.6). `at` is sent as UTC. */
export type NewActivity = {
  leadId: string;
  activityEvent: number;
  note: string;
  at: Date;
  fields?: { schemaName: string; value: string }[];
};

/** An activity type of the account (ActivityTypes.Get, §1.5.6): its numeric code and its name. */
export type ActivityType = { code: number; name: string };

/** One activity of a bulk post: its id, or what LeadSquared said of that activity alone. */
export type BulkActivityResult = { id: string } | { error: CrmError };

/** Post bulk activities on leads takes at most 25 activities per call (§1.5.6), on the bulk budget (§1.4). */
export const BULK_MAX_ACTIVITIES = 25;

type Call = (method: "GET" | "POST", path: string, query?: Record<string, string>, body?: unknown) => Promise<unknown>;

/** The activity body, the same for a single post and for each item of a bulk one. */
function activityBody(input: NewActivity) {
  return {
    RelatedProspectId: input.leadId,
    ActivityEvent: input.activityEvent,
    ActivityNote: input.note,
    ActivityDateTime: leadSquaredDateTime(input.at),
    Fields: (input.fields ?? []).map((f) => ({ SchemaName: f.schemaName, Value: f.value })),
  };
}

/** The client's activity calls, over its paced, error-mapping `call`; `unexpected` is its "not LeadSquared" error. */
export function activityCalls(call: Call, unexpected: () => CrmError) {
  return {
    /** Posts an activity on a lead (POST ProspectActivity.svc/Create, §1.5.6); returns the activity's id. */
    async postActivity(input: NewActivity): Promise<{ id: string }> {
      const data = await call("POST", "/v2/ProspectActivity.svc/Create", {}, activityBody(input));
      const id = isRecord(data) && isRecord(data.Message) ? text(data.Message.Id) : null;
      if (!id) throw unexpected();
      return { id };
    },

    /**
     * Posts up to 25 activities in one call (Bulk/CustomActivity/Add/ByLeadId, §1.5.6): an array of the single post's
     * bodies, answered `{"Response":[{"ProspectActivityId":"…"}, …]}` in the order sent. An item without an id failed
     * alone, with the ExceptionMessage (and ExceptionType) LeadSquared gives it; that shape is not in our stored pages.
     */
    async postActivitiesBulk(activities: NewActivity[]): Promise<BulkActivityResult[]> {
      if (activities.length > BULK_MAX_ACTIVITIES)
        throw new CrmError("rejected", `LeadSquared takes at most ${BULK_MAX_ACTIVITIES} activities per bulk call.`);
      const data = await call("POST", "/v2/ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId", {}, activities.map(activityBody));
      const list = isRecord(data) && Array.isArray(data.Response) ? data.Response : null;
      if (!list || list.length !== activities.length) throw unexpected();
      return list.map((item) => {
        const id = isRecord(item) ? text(item.ProspectActivityId) : null;
        if (id) return { id };
        const type = (isRecord(item) && text(item.ExceptionType)) || undefined;
        const said = (isRecord(item) && text(item.ExceptionMessage)) || "no reason given";
        // The limit inside an item is still the limit (retried); any other item error is that activity's refusal.
        return type === RATE_LIMIT_EXCEPTION
          ? {
              error: new CrmError("rate_limited", `LeadSquared's API limit held back this activity: “${said}”`, {
                vendorCode: type,
                retryAfterMs: 5_000,
              }),
            }
          : { error: new CrmError("rejected", `LeadSquared refused this activity: “${said}”`, { vendorCode: type }) };
      });
    },

    /**
     * The account's activity types (GET ProspectActivity.svc/ActivityTypes.Get, seen in public code, §1.5.6). Read as an
     * array of objects with a numeric `ActivityEvent` and a `DisplayName` (or `Name`); other items are skipped.
     */
    async activityTypes(): Promise<ActivityType[]> {
      const data = await call("GET", "/v2/ProspectActivity.svc/ActivityTypes.Get");
      if (!Array.isArray(data)) throw unexpected();
      return data.flatMap((t) => {
        const code = isRecord(t) ? Number(t.ActivityEvent) : NaN;
        if (!isRecord(t) || !Number.isInteger(code) || code <= 0) return [];
        return [{ code, name: text(t.DisplayName) ?? text(t.Name) ?? `Activity ${code}` }];
      });
    },

    /**
     * Creates a custom activity type for outbound calls (POST ProspectActivity.svc/CreateType, as a public client library
     * calls it; not in our stored LeadSquared pages) and returns it with the code LeadSquared gave it.
     */
    async createActivityType(input: { name: string; description: string }): Promise<ActivityType> {
      const data = await call(
        "POST",
        "/v2/ProspectActivity.svc/CreateType",
        {},
        // Direction 1: outbound, as Leadline's calls are; Score 0: a call attempt does not move the lead's score.
        { ActivityEventName: input.name, Score: 0, Description: input.description, Direction: 1 },
      );
      const code = isRecord(data) && isRecord(data.Message) ? Number(data.Message.Id) : NaN;
      if (!Number.isInteger(code) || code <= 0) throw unexpected();
      return { code, name: input.name };
    },

    /**
     * Changes an activity's note and fields. The endpoint (ProspectActivity.svc/Update with ProspectActivityId) is not
     * in our stored LeadSquared documents; it is the one Lead Sync's "update existing activity" needs, to verify.
     */
    async updateActivity(input: { activityId: string; note?: string; fields: { schemaName: string; value: string }[] }): Promise<void> {
      await call(
        "POST",
        "/v2/ProspectActivity.svc/Update",
        {},
        {
          ProspectActivityId: input.activityId,
          ...(input.note === undefined ? {} : { ActivityNote: input.note }),
          Fields: input.fields.map((f) => ({ SchemaName: f.schemaName, Value: f.value })),
        },
      );
    },
  };
}
