import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NEXT_BIN, SERVER_NODE_FLAGS } from "./server-command";

describe("the production server's command", () => {
  it("is what npm start runs", () => {
    const { scripts } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe(["node", ...SERVER_NODE_FLAGS, NEXT_BIN, "start"].join(" "));
  });
});
