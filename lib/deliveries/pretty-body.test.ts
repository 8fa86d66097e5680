import { describe, expect, it } from "vitest";
import { prettyBody } from "./pretty-body";

describe("prettyBody", () => {
  it("indents JSON, one lead or many", () => {
    expect(prettyBody('{"ProspectID":"p-1","Phone":"98765"}', "application/json")).toBe('{\n  "ProspectID": "p-1",\n  "Phone": "98765"\n}');
    expect(prettyBody('[{"a":1}]', "text/plain")).toBe('[\n  {\n    "a": 1\n  }\n]');
  });

  it("lists a form body one decoded field per line, keeping redaction marks", () => {
    expect(prettyBody("FirstName=Meera+Iyer&Phone=%2B9198765&api_key=[redacted]", "application/x-www-form-urlencoded")).toBe(
      "FirstName = Meera Iyer\nPhone = +9198765\napi_key = [redacted]",
    );
  });

  it("leaves broken JSON and plain text as they came", () => {
    expect(prettyBody('{"a":', "application/json")).toBe('{"a":');
    expect(prettyBody("hello there", "text/plain")).toBe("hello there");
    expect(prettyBody("   ", null)).toBe("");
  });
});
