import { describe, expect, it } from "vitest";
import { registrationTarget, sameWebhookUrl, urlWithoutSecrets, webhookBody } from "./webhook-definition";
import { LEADSQUARED_EVENTS } from "./webhook-events";
import { callEventsParamSchema, DEFAULT_WEBHOOK_VALUES, leadSquaredWebhookSchema } from "./webhook-schema";

const BUILT =
  "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared&x_api_key=ll_abc_secret&num_of_retries=1&gap_between_retries=2";

const values = (overrides: object = {}) => leadSquaredWebhookSchema.parse({ ...DEFAULT_WEBHOOK_VALUES, url: BUILT, ...overrides });

describe("registrationTarget", () => {
  it("moves the key out of the URL and sets events= to the registered event", () => {
    expect(registrationTarget(BUILT, "6")).toEqual({
      url: "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared&num_of_retries=1&gap_between_retries=2&events=lead_update",
      apiKey: "ll_abc_secret",
    });
  });

  it("a header-mode URL has no key to move", () => {
    expect(registrationTarget("https://l.example.com/api/call/crm-webhook?agent_id=a&type=leadsquared", "3").apiKey).toBeNull();
  });
});

describe("sameWebhookUrl", () => {
  it("ignores the key, parameter order and what LeadSquared appends", () => {
    const registered =
      "https://leadline.example.com/api/call/crm-webhook?type=leadsquared&agent_id=agt_1&events=lead_create&entityType=webhook&entityId=x&eventType=Lead_Post_Create";
    expect(
      sameWebhookUrl(
        registered,
        "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared&x_api_key=ll_a_b&events=lead_create",
      ),
    ).toBe(true);
    expect(
      sameWebhookUrl(registered, "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_2&type=leadsquared&events=lead_create"),
    ).toBe(false);
    expect(urlWithoutSecrets(BUILT)).not.toContain("secret");
  });
});

describe("webhookBody", () => {
  it("landing page submission: the URLs with IsSpecificLandingPage", () => {
    const body = webhookBody(values({ event: "1", landingPageUrls: ["https://acme.example.com/lp"] }), { url: BUILT, apiKey: null });
    expect([body.WebhookEvent, body.LandingPageUrls, body.IsSpecificLandingPage, body.WebhookProperties, body.CustomHeaders]).toEqual([
      "1",
      ["https://acme.example.com/lp"],
      true,
      null,
      [],
    ]);
  });

  it("activity events: ActivityEvent, ActivityData and WebPageNames, as a JSON string", () => {
    const body = webhookBody(values({ event: "2", activityEvent: "247", webPageNames: '["Contact Us"]' }), { url: BUILT, apiKey: "k" });
    expect(body.WebhookProperties).toBe('{"ActivityEvent":"247","ActivityData":"[]","WebPageNames":"[\\"Contact Us\\"]"}');
    expect(body.LandingPageUrls).toBeUndefined();
  });

  it("opportunity events: the document's three shapes", () => {
    const opp = { opportunityEvents: "12002, 12003", isAsyncEnable: true };
    expect(JSON.parse(webhookBody(values({ event: "31", ...opp }), { url: BUILT, apiKey: null }).WebhookProperties!)).toEqual({
      OpportunityEvents: ["12002", "12003"],
      IsAsyncEnable: true,
    });
    expect(
      JSON.parse(
        webhookBody(values({ event: "33", ...opp, changedOpportunityField: "mx_Custom_10" }), { url: BUILT, apiKey: null })
          .WebhookProperties!,
      ),
    ).toEqual({
      OpportunityEvents: ["12002", "12003"],
      ChangedOpportunityField: "mx_Custom_10",
      IsAsyncEnable: true,
    });
    const stage = {
      event: "34",
      opportunityEvents: "12000",
      statusFrom: "Lost",
      statusTo: "Open",
      stageFrom: "Budget constraints",
      stageTo: "Negotiation",
    };
    expect(JSON.parse(webhookBody(values(stage), { url: BUILT, apiKey: null }).WebhookProperties!)).toEqual({
      OpportunityEvents: ["12000"],
      StatusFrom: "Lost",
      StatusTo: "Open",
      StageFrom: "Budget constraints",
      StageTo: "Negotiation",
      IsAsyncEnable: false,
    });
  });

  it("the key header comes first, then the admin's own headers", () => {
    const body = webhookBody(values({ customHeaders: [{ key: "X-Source", value: "lsq" }] }), { url: BUILT, apiKey: "ll_k" });
    expect(body.CustomHeaders).toEqual([
      { Key: "X-API-KEY", Value: "ll_k" },
      { Key: "X-Source", Value: "lsq" },
    ]);
  });
});

describe("leadSquaredWebhookSchema", () => {
  const issues = (overrides: object) =>
    (leadSquaredWebhookSchema.safeParse({ ...DEFAULT_WEBHOOK_VALUES, url: BUILT, ...overrides }).error?.issues ?? []).map((i) => [
      i.path.join("."),
      i.message,
    ]);

  it("asks for what each event needs", () => {
    expect(issues({ event: "1" })).toEqual([["landingPageUrls", "LeadSquared needs at least one landing page URL for this event."]]);
    expect(issues({ event: "15" })).toEqual([["activityEvent", "Enter the activity type's code (a number, e.g. 247)."]]);
    expect(issues({ event: "33", opportunityEvents: "12003" })).toEqual([
      ["changedOpportunityField", "Enter the field's schema name, e.g. mx_Custom_10."],
    ]);
    expect(issues({ event: "35" })).toEqual([["opportunityEvents", "Enter the opportunity type codes, e.g. 12002 (comma-separated)."]]);
  });

  it("at most 9 headers of the admin's own (X-API-KEY is the tenth), never X-API-KEY itself", () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({ key: `X-${i}`, value: "v" }));
    expect(issues({ customHeaders: nine })).toEqual([]);
    expect(issues({ customHeaders: [...nine, { key: "X-9", value: "v" }] })[0]?.[0]).toBe("customHeaders");
    expect(issues({ customHeaders: [{ key: "x-api-key", value: "v" }] })).toEqual([
      ["customHeaders", "Leadline adds the X-API-KEY header itself; remove it here."],
    ]);
  });

  it("offers every numbered event of the Create Webhook document", () => {
    expect(LEADSQUARED_EVENTS.map((e) => e.code)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "15",
      "16",
      "17",
      "26",
      "31",
      "32",
      "33",
      "34",
      "35",
    ]);
  });
});

describe("callEventsParamSchema", () => {
  it("defaults to lead_create, reads a comma list in any case, and names unknown events", () => {
    expect(callEventsParamSchema.parse(undefined)).toEqual(["lead_create"]);
    expect(callEventsParamSchema.parse(" Lead_Create, lead_update,lead_create ")).toEqual(["lead_create", "lead_update"]);
    expect(callEventsParamSchema.safeParse("lead_create,lead_deleted").error?.issues.map((i) => i.message)).toEqual([
      'events: "lead_deleted" is not a LeadSquared event; use names such as lead_create or lead_update.',
    ]);
  });
});
