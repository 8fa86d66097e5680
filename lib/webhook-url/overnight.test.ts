import { describe, expect, it } from "vitest";
import { clockWords, overnightWindow } from "./overnight";

describe("overnightWindow", () => {
  it("is null for a daytime window, an unset end or an unreadable time", () => {
    expect(overnightWindow("09:00", "18:00")).toBeNull();
    expect(overnightWindow("09:00", "")).toBeNull();
    expect(overnightWindow("9am", "08:00")).toBeNull();
  });

  it("says an AM/PM slip in words and offers the afternoon end", () => {
    expect(overnightWindow("09:00", "08:00")).toEqual({
      sentence: "overnight: 23 hours, from 9:00 AM until 8:00 AM the next day",
      suggestedUntil: "20:00",
      suggestion: "9:00 AM to 8:00 PM",
    });
  });

  it("offers nothing for a window that reads as meant", () => {
    expect(overnightWindow("22:00", "06:30")).toEqual({
      sentence: "overnight: 8 hours 30 minutes, from 10:00 PM until 6:30 AM the next day",
      suggestedUntil: null,
      suggestion: null,
    });
  });

  it("writes 12-hour clock readings", () => {
    expect([0, 59, 720, 1439].map(clockWords)).toEqual(["12:00 AM", "12:59 AM", "12:00 PM", "11:59 PM"]);
  });
});
