import { describe, expect, it } from "vitest";
import { parseCallSearch } from "./search";

describe("parseCallSearch", () => {
  it.each([
    ["+91 98765-00000", "919876500000"],
    ["098765 00000", "9876500000"],
    ["(0044) 20 7946 0000", "442079460000"],
    ["0000", "0000"],
    ["5000", "5000"],
  ])("reads %s as the digits of a number", (q, digits) => {
    expect(parseCallSearch(q)).toEqual({ kind: "phone", digits, raw: q });
  });

  it.each(["Meera", "  meera iyer ", "a1b2-c3d4", "12"])("reads %s as text for the name and CRM lead id", (q) => {
    expect(parseCallSearch(q)).toEqual({ kind: "text", text: q.trim() });
  });
});
