import { describe, expect, it } from "vitest";
import { formatDate } from "./date";

const KOLKATA = "Asia/Kolkata";
const NEW_YORK = "America/New_York";

describe("formatDate returns the ISO calendar date in the organisation's zone", () => {
  it.each([
    { rule: "ISO date is kept as written", raw: "2024-01-15", zone: NEW_YORK, value: "2024-01-15" },
    { rule: "ISO instant in UTC", raw: "2024-01-15T10:30:00Z", zone: KOLKATA, value: "2024-01-15" },
    { rule: "ISO instant with milliseconds", raw: "2024-01-15T10:30:00.000Z", zone: KOLKATA, value: "2024-01-15" },
    { rule: "ISO instant crosses midnight in Kolkata", raw: "2024-01-15T20:00:00Z", zone: KOLKATA, value: "2024-01-16" },
    { rule: "ISO instant stays on the 15th in New York", raw: "2024-01-15T20:00:00Z", zone: NEW_YORK, value: "2024-01-15" },
    { rule: "ISO with offset", raw: "2024-01-15T23:30:00-05:00", zone: KOLKATA, value: "2024-01-16" },
    { rule: "ISO with compact offset", raw: "2024-01-15T23:30:00-0500", zone: NEW_YORK, value: "2024-01-15" },
    { rule: "ISO with hour-only offset", raw: "2024-01-15T02:00:00+05", zone: "UTC", value: "2024-01-14" },
    { rule: "ISO without seconds or offset is UTC", raw: "2024-01-15T22:00", zone: KOLKATA, value: "2024-01-16" },
    { rule: "LeadSquared UTC date-time", raw: "2024-01-15 10:30:00", zone: KOLKATA, value: "2024-01-15" },
    { rule: "LeadSquared UTC late evening is next day in India", raw: "2024-01-15 20:00:00", zone: KOLKATA, value: "2024-01-16" },
    { rule: "LeadSquared response with .000", raw: "2018-03-06 06:55:46.000", zone: NEW_YORK, value: "2018-03-06" },
    { rule: "LeadSquared early UTC is previous day in New York", raw: "2024-01-15 03:00:00", zone: NEW_YORK, value: "2024-01-14" },
    { rule: "DD/MM/YYYY", raw: "15/01/2024", zone: KOLKATA, value: "2024-01-15" },
    { rule: "MM/DD/YYYY when the day cannot be a month", raw: "01/15/2024", zone: KOLKATA, value: "2024-01-15" },
    { rule: "ambiguous slash dates are day-first", raw: "03/04/2024", zone: KOLKATA, value: "2024-04-03" },
    { rule: "single-digit day and month", raw: "5/1/2024", zone: KOLKATA, value: "2024-01-05" },
    { rule: "DD-MM-YYYY", raw: "15-01-2024", zone: KOLKATA, value: "2024-01-15" },
    { rule: "DD.MM.YYYY", raw: "15.01.2024", zone: KOLKATA, value: "2024-01-15" },
    { rule: "YYYY/MM/DD", raw: "2024/01/15", zone: KOLKATA, value: "2024-01-15" },
    { rule: "leap day", raw: "29/02/2024", zone: KOLKATA, value: "2024-02-29" },
    { rule: "HubSpot datetime epoch ms in Kolkata", raw: "1705314600000", zone: KOLKATA, value: "2024-01-15" },
    { rule: "HubSpot datetime epoch ms late UTC evening", raw: "1705352400000", zone: KOLKATA, value: "2024-01-16" },
    { rule: "HubSpot date-only (midnight UTC) keeps its date in New York", raw: "1705276800000", zone: NEW_YORK, value: "2024-01-15" },
    { rule: "surrounding spaces", raw: "  2024-01-15  ", zone: KOLKATA, value: "2024-01-15" },
  ])("$rule: $raw", ({ raw, zone, value }) => {
    expect(formatDate(raw, zone)).toEqual({ ok: true, value });
  });

  it("defaults to UTC", () => {
    expect(formatDate("2024-01-15 20:00:00")).toEqual({ ok: true, value: "2024-01-15" });
  });

  const help = "use YYYY-MM-DD, DD/MM/YYYY, an ISO date-time or epoch milliseconds";
  it.each([
    { rule: "words", raw: "yesterday" },
    { rule: "month 13", raw: "2024-13-01" },
    { rule: "30 February", raw: "30/02/2024" },
    { rule: "29 February in a common year", raw: "2023-02-29" },
    { rule: "both parts above 12", raw: "13/13/2024" },
    { rule: "two-digit year", raw: "15/01/24" },
    { rule: "hour 24", raw: "2024-01-15T24:30:00Z" },
    { rule: "epoch seconds", raw: "1705314600" },
    { rule: "month names", raw: "Jan 15, 2024" },
  ])("rejects $rule", ({ raw }) => {
    expect(formatDate(raw, KOLKATA)).toEqual({ ok: false, reason: `${JSON.stringify(raw)} is not a date I can read: ${help}` });
  });

  it("rejects an empty value and an unknown zone", () => {
    expect(formatDate("  ", KOLKATA)).toEqual({ ok: false, reason: "The date is empty" });
    expect(formatDate("2024-01-15", "Mars/Base")).toEqual({
      ok: false,
      reason: 'The time zone "Mars/Base" is unknown; use an IANA name such as Asia/Kolkata',
    });
  });
});
