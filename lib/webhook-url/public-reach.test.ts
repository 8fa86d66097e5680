import { describe, expect, it } from "vitest";
import { unreachableOrigin } from "./public-reach";

describe("unreachableOrigin", () => {
  it.each([
    ["http://localhost:3000", "localhost is this computer"],
    ["http://127.0.0.1:3000", "127.0.0.1 is this computer"],
    ["http://[::1]:3000", "::1 is this computer"],
    ["http://192.168.1.20", "192.168.1.20 is a private network address"],
    ["http://172.20.0.5", "172.20.0.5 is a private network address"],
    ["http://10.0.0.1", "10.0.0.1 is a private network address"],
    ["http://leadline.local", "leadline.local is a name only your own network knows"],
    ["http://devbox:3000", "devbox is a name only your own network knows"],
  ])("%s: %s", (origin, reason) => expect(unreachableOrigin(origin)).toBe(reason));

  it.each(["https://leadline.example.com", "https://203.0.113.7", "http://172.32.0.1"])("%s is public", (origin) =>
    expect(unreachableOrigin(origin)).toBeNull(),
  );
});
