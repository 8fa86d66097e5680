import { StatusBadge } from "@/components/ui/status-badge";
import { ZonedTime } from "@/components/calls/zoned-time";
import type { CallAttemptRow } from "@/lib/client/calls";

function Step({ label, iso, zone }: { label: string; iso: string | null; zone: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd>{iso ? <ZonedTime iso={iso} zone={zone} /> : "—"}</dd>
    </div>
  );
}

/** What the provider reported of the call, as text; the recording is a plain link, never a player from its origin. */
function CallContent({ attempt: a }: { attempt: CallAttemptRow }) {
  if (!a.summary && !a.recordingUrl && !a.transcript) return null;
  return (
    <div className="mt-2 space-y-1 text-sm">
      {a.summary && (
        <p>
          <span className="font-medium">Summary: </span>
          {a.summary}
        </p>
      )}
      {a.recordingUrl && (
        <p>
          <a href={a.recordingUrl} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline">
            Recording
          </a>{" "}
          <span className="text-xs text-slate-500">(opens the provider&apos;s link)</span>
        </p>
      )}
      {a.transcript && (
        <details>
          <summary className="cursor-pointer text-brand-700">Transcript</summary>
          <p className="mt-1 max-h-96 overflow-y-auto rounded border border-slate-200 bg-slate-50 p-2 whitespace-pre-wrap">
            {a.transcript}
          </p>
        </details>
      )}
    </div>
  );
}

export function AttemptsTimeline({ attempts, zone }: { attempts: CallAttemptRow[]; zone: string }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">No attempt has been dialed yet.</p>;
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4">
      {attempts.map((a) => (
        <li key={a.number} aria-label={`Attempt ${a.number}`} className="relative">
          <span className="absolute top-1.5 -left-[1.4rem] size-2.5 rounded-full bg-brand-600" aria-hidden />
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-medium">Attempt {a.number}</h3>
            <StatusBadge status={a.outcome ?? a.status} />
            {a.reason && <span className="text-sm text-slate-600">{a.reason.text}</span>}
          </div>
          <dl className="mt-1 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <Step label="Scheduled" iso={a.scheduledAt} zone={zone} />
            <Step label="Dialed" iso={a.dialedAt} zone={zone} />
            <Step label="Ended" iso={a.endedAt} zone={zone} />
          </dl>
          <p className="mt-1 text-xs text-slate-600">
            {a.provider} call id <span className="font-mono">{a.providerCallId ?? "—"}</span>
            {a.outcomeDetail && ` · ${a.outcomeDetail}`}
          </p>
          {a.error && <p className="mt-1 text-sm text-red-700">{a.error}</p>}
          <CallContent attempt={a} />
        </li>
      ))}
    </ol>
  );
}
