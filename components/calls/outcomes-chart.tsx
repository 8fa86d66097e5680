"use client";

import { OUTCOME_KEYS, type OutcomeKey } from "@/lib/calls/outcome-days";
import { useOutcomesPerDay } from "@/lib/client/calls";

const COLOUR: Record<OutcomeKey, string> = {
  completed: "bg-green-600",
  no_answer: "bg-amber-500",
  busy: "bg-orange-600",
  voicemail: "bg-sky-600",
  failed: "bg-red-600",
  pending: "bg-slate-400",
};
const name = (k: OutcomeKey) => k.replace("_", " ");

/** Calls per day by last outcome as stacked bars, with the same figures as a table for screen readers and on request. */
export function OutcomesChart({ query }: { query: Record<string, string> }) {
  const chart = useOutcomesPerDay(query);
  if (!chart.data) return null;
  const { days, timezone } = chart.data;
  const max = Math.max(1, ...days.map((d) => d.total));
  const describe = (d: (typeof days)[number]) =>
    `${d.day}: ${d.total} calls${
      d.total
        ? ` (${OUTCOME_KEYS.filter((k) => d.counts[k])
            .map((k) => `${d.counts[k]} ${name(k)}`)
            .join(", ")})`
        : ""
    }`;
  return (
    <section aria-labelledby="outcomes-heading" className="mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <h2 id="outcomes-heading" className="text-sm font-medium">
        Outcomes per day <span className="font-normal text-slate-500">({timezone})</span>
      </h2>
      <ul className="mt-2 flex h-28 items-end gap-px" aria-label="Calls per day, stacked by last outcome">
        {days.map((d) => (
          <li key={d.day} className="flex h-full min-w-0 flex-1 flex-col-reverse" title={describe(d)} aria-label={describe(d)}>
            {OUTCOME_KEYS.filter((k) => d.counts[k]).map((k) => (
              <span key={k} className={COLOUR[k]} style={{ height: `${(d.counts[k] / max) * 100}%` }} />
            ))}
          </li>
        ))}
      </ul>
      <div className="mt-1 flex justify-between text-xs text-slate-500" aria-hidden>
        <span>{days[0]?.day}</span>
        <span>{days.at(-1)?.day}</span>
      </div>
      <ul className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600" aria-hidden>
        {OUTCOME_KEYS.map((k) => (
          <li key={k} className="flex items-center gap-1">
            <span className={`inline-block size-2.5 rounded-sm ${COLOUR[k]}`} />
            {name(k)}
          </li>
        ))}
      </ul>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700">Show as a table</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-left text-xs">
            <caption className="sr-only">Calls per day by last outcome</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1">
                  Day
                </th>
                {OUTCOME_KEYS.map((k) => (
                  <th key={k} scope="col" className="px-2 py-1">
                    {name(k)}
                  </th>
                ))}
                <th scope="col" className="px-2 py-1">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {d.day}
                  </th>
                  {OUTCOME_KEYS.map((k) => (
                    <td key={k} className="px-2 py-1">
                      {d.counts[k]}
                    </td>
                  ))}
                  <td className="px-2 py-1">{d.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
