"use client";

import { FormError } from "@/components/ui/field";
import { useSchedulePreviews } from "@/lib/client/webhook-url";
import { describeSchedule, sampleCreationInstants } from "@/lib/webhook-url/schedule-story";

function samplesIn(zone: string) {
  try {
    return sampleCreationInstants(zone, new Date());
  } catch {
    return []; // a zone still being typed
  }
}

/** When a lead created at a few times of day would be called, if every attempt fails: the server's own planner. */
export function SchedulePreview({ agentId, query, zone }: { agentId: string; query: Record<string, string> | null; zone: string }) {
  const samples = samplesIn(zone);
  const previews = useSchedulePreviews(
    agentId,
    query,
    samples.map((s) => s.createdAt),
  );
  return (
    <section aria-labelledby="schedule-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="schedule-heading" className="font-medium">
        When leads are called
      </h2>
      {!query && <p className="text-sm text-slate-600">Fix the schedule above to see when leads would be called.</p>}
      <ul className="flex flex-col gap-3 text-sm" aria-label="Schedule preview">
        {query &&
          samples.map((sample, i) => {
            const preview = previews[i];
            if (preview?.error)
              return (
                <li key={sample.label}>
                  <FormError message={preview.error.message} />
                </li>
              );
            if (!preview?.data)
              return (
                <li key={sample.label} className="text-slate-500">
                  Planning a lead created at {sample.label}…
                </li>
              );
            const { data } = preview;
            return (
              <li key={sample.label}>
                <p className="font-medium">
                  {describeSchedule({ createdAt: sample.createdAt, attempts: data.attempts, zone: data.timezone })}
                </p>
                <ol className="mt-1 list-decimal pl-5 text-xs text-slate-600">
                  {data.attempts.map((a) => (
                    <li key={a.attempt}>{a.reason}</li>
                  ))}
                </ol>
              </li>
            );
          })}
      </ul>
      {query && (
        <p className="text-xs text-slate-500">
          Times are in {previews[0]?.data?.timezone ?? zone}; retries happen only after a failed attempt.
        </p>
      )}
    </section>
  );
}
