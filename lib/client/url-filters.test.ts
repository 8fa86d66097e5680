import { describe, expect, it } from "vitest";
import { apiQueryFromUrl, withFilter } from "./url-filters";

describe("apiQueryFromUrl", () => {
  it("turns calendar days into the instants that bound them in the organisation's zone, to inclusive", () => {
    const search = new URLSearchParams("status=failed&from=2026-11-20&to=2026-11-22&q=%20meera%20&ignored=1&agent_id=");
    expect(apiQueryFromUrl(search, ["agent_id", "status", "q", "from", "to"], "Asia/Kolkata")).toEqual({
      status: "failed",
      q: "meera",
      from: "2026-11-19T18:30:00Z",
      to: "2026-11-22T18:30:00Z",
    });
  });

  it("drops days that do not exist rather than sending the API an error", () => {
    expect(apiQueryFromUrl(new URLSearchParams("from=2026-02-30&to=soon"), ["from", "to"], "UTC")).toEqual({});
  });

  it("follows daylight saving: a New York day after the clocks change starts at 04:00 UTC", () => {
    expect(apiQueryFromUrl(new URLSearchParams("from=2026-03-09"), ["from"], "America/New_York")).toEqual({ from: "2026-03-09T04:00:00Z" });
  });
});

describe("withFilter", () => {
  it("sets and clears filters and forgets the page position", () => {
    expect(withFilter(new URLSearchParams("status=failed&cursor=abc"), { crm: "hubspot", status: "" })).toBe("?crm=hubspot");
    expect(withFilter(new URLSearchParams("status=failed"), { status: " " })).toBe("");
  });
});
