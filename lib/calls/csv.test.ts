import { describe, expect, it } from "vitest";
import { CALL_CSV_HEADER, callCsvLine, csvCell, csvLine } from "./csv";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["Iyer, Meera", '"Iyer, Meera"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+919876500000", "'+919876500000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["", ""],
  ])("writes %j as %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("leaves numbers and empty values alone", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("callCsvLine", () => {
  it("writes one CRLF-terminated line with a cell per header column", () => {
    const line = callCsvLine(
      {
        id: "call_1",
        createdAt: new Date("2026-11-23T04:00:00Z"),
        leadName: "Meera",
        phone: "+919876500000",
        source: "leadsquared",
        crmLeadId: "p-1",
        agentId: "agt_1",
        status: "scheduled",
        lastOutcome: null,
        attemptsMade: 0,
        maxAttempts: 3,
        nextAttemptAt: new Date("2026-11-23T03:30:00Z"),
        timezone: "Asia/Kolkata",
        nextAttemptReason: { text: "carried over to the window start 09:00 Asia/Kolkata" },
        lastError: null,
        finishedAt: null,
      },
      "Sales, North",
    );
    expect(line).toBe(
      'call_1,2026-11-23T04:00:00.000Z,Meera,\'+919876500000,leadsquared,p-1,agt_1,"Sales, North",scheduled,,0,3,2026-11-23T03:30:00.000Z,Asia/Kolkata,carried over to the window start 09:00 Asia/Kolkata,,\r\n',
    );
    expect(csvLine(CALL_CSV_HEADER).split(",")).toHaveLength(CALL_CSV_HEADER.length);
  });
});
