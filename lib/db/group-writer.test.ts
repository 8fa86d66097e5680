import { describe, expect, it } from "vitest";
import { groupWriter } from "@/lib/db/group-writer";

type Item = { id: string; keys?: string[]; bad?: boolean };

/** A writer whose flights finish only when the test lets them, recording what each flight carried. */
function harness(opts: { maxFlights?: number; maxItems?: number } = {}) {
  const flights: string[][] = [];
  const landings: Array<() => void> = [];
  const write = groupWriter<Item, string>({
    write: async (items) => {
      flights.push(items.map((i) => i.id));
      await new Promise<void>((resolve) => landings.push(resolve));
      if (items.some((i) => i.bad)) throw new Error(`flight with ${items.find((i) => i.bad)!.id} failed`);
      return items.map((i) => `stored ${i.id}`);
    },
    keys: (item) => item.keys ?? [],
    maxFlights: opts.maxFlights ?? 1,
    maxItems: opts.maxItems ?? 100,
  });
  const land = async () => {
    await new Promise((r) => setImmediate(r));
    landings.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { write, flights, land };
}

describe("groupWriter", () => {
  it("writes a lone item at once, and everything that arrives meanwhile in the next flight", async () => {
    const { write, flights, land } = harness();
    const first = write({ id: "a" });
    expect(flights).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((id) => write({ id }));
    expect(flights).toHaveLength(1);
    await land();
    expect(await first).toBe("stored a");
    expect(flights).toEqual([["a"], ["b", "c", "d"]]);
    await land();
    expect(await Promise.all(rest)).toEqual(["stored b", "stored c", "stored d"]);
  });

  it("never puts two items with a shared key in one flight, and keeps the order of the rest", async () => {
    const { write, flights, land } = harness();
    const all = [
      write({ id: "lone" }),
      write({ id: "a", keys: ["k1", "k2"] }),
      write({ id: "b", keys: ["k2"] }),
      write({ id: "c", keys: ["k3"] }),
      write({ id: "d", keys: ["k1"] }),
    ];
    for (let i = 0; i < 3; i++) await land();
    await Promise.all(all);
    expect(flights).toEqual([["lone"], ["a", "c"], ["b", "d"]]);
  });

  it("isolates a failing item: its flight is written again one by one, and only it fails", async () => {
    const { write, flights, land } = harness({ maxFlights: 1 });
    const lone = write({ id: "lone" });
    const ok1 = write({ id: "ok1" });
    const bad = write({ id: "bad", bad: true }).catch((err: Error) => err.message);
    const ok2 = write({ id: "ok2" });
    await land();
    await lone;
    await land();
    // The shared flight failed; each item flies alone now, all at once.
    expect(flights.slice(2)).toEqual([["ok1"], ["bad"], ["ok2"]]);
    await land();
    await land();
    await land();
    expect(await ok1).toBe("stored ok1");
    expect(await ok2).toBe("stored ok2");
    expect(await bad).toBe("flight with bad failed");
  });

  it("flies up to maxFlights at once, each with at most maxItems", async () => {
    const { write, flights, land } = harness({ maxFlights: 2, maxItems: 2 });
    const all = ["a", "b", "c", "d", "e"].map((id) => write({ id }));
    expect(flights).toEqual([["a"], ["b"]]);
    await land();
    expect(flights).toEqual([["a"], ["b"], ["c", "d"]]);
    await land();
    expect(flights).toEqual([["a"], ["b"], ["c", "d"], ["e"]]);
    await land();
    await land();
    expect(await Promise.all(all)).toHaveLength(5);
  });
});
