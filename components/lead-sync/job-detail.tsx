"use client";

import { RotateCcw } from "lucide-react";
import { KeyValues } from "@/components/calls/key-values";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/client/format";
import { useJob, useRetryJob, type JobResult } from "@/lib/client/lead-sync";
import { prettyBody } from "@/lib/deliveries/pretty-body";
import { BEHAVIOUR_LABELS, type LeadBehaviour } from "@/lib/lead-sync/schema";

const pretty = (value: unknown) =>
  value === null || value === undefined ? "(none)" : typeof value === "string" ? prettyBody(value, null) : JSON.stringify(value, null, 2);

function Body({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <pre tabIndex={0} aria-label={label} className="mt-1 max-h-72 overflow-auto rounded-lg bg-slate-50 p-3 text-xs">
        {pretty(value)}
      </pre>
    </div>
  );
}

function ResultCard({ result, count }: { result: JobResult; count: number }) {
  const title = `Lead ${result.position + 1} of ${count}`;
  return (
    <Card
      title={title}
      description={result.searchValue ? `${result.searchField ?? "Search By"}: ${result.searchValue}` : undefined}
      actions={<StatusBadge status={result.outcome === "failed" ? "error" : result.outcome} label={result.fixed ? "fixed" : undefined} />}
    >
      <div className="flex flex-col gap-3 text-sm">
        {result.error && (
          <Notice tone="danger" title="Error in this lead">
            <p>{result.error}</p>
          </Notice>
        )}
        <KeyValues
          entries={[
            ["Source lead id", result.sourceLeadId],
            ["Destination lead id", result.destinationLeadId],
            ["API URL called", result.apiUrl],
            [
              "Activity",
              result.activityOutcome ? `${result.activityOutcome}${result.activityError ? `: ${result.activityError}` : ""}` : null,
            ],
          ]}
          empty=""
        />
        <div className="grid gap-3 lg:grid-cols-2">
          <Body label={`Request sent (lead ${result.position + 1})`} value={result.request} />
          <Body label={`Response received (lead ${result.position + 1})`} value={result.response} />
        </div>
      </div>
    </Card>
  );
}

/** One sync job (seed 001, §8 "Sync Response details"): the request, each lead's API call and answer, errors, Retry. */
export function JobDetailView({ jobId, connectorId, connectorName }: { jobId: string; connectorId: string; connectorName: string }) {
  const { data: job, error } = useJob(jobId);
  const retry = useRetryJob(jobId);
  if (error) return <FormError message={error.message} />;
  if (!job) return <p className="text-sm text-slate-600">Loading…</p>;
  const behaviour = BEHAVIOUR_LABELS[job.leadBehaviour as LeadBehaviour] ?? job.leadBehaviour;
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: `/lead-sync/${connectorId}/logs`, label: `${connectorName}: logs` }}
        title={
          <>
            Sync job <span className="font-mono text-lg font-medium break-all">{job.id}</span>
          </>
        }
        badge={<StatusBadge status={job.status} />}
        description={
          <p>
            Received {formatDateTime(job.receivedAt)} · {job.leadCount} lead{job.leadCount === 1 ? "" : "s"} · behaviour: {behaviour}
            {job.activityBehaviour &&
              ` · activities: ${BEHAVIOUR_LABELS[job.activityBehaviour as LeadBehaviour] ?? job.activityBehaviour}`}{" "}
            · run {job.runs} time{job.runs === 1 ? "" : "s"}
          </p>
        }
        actions={
          job.status === "failed" && (
            <Button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
              <RotateCcw aria-hidden />
              {retry.isPending ? "Retrying…" : "Retry"}
            </Button>
          )
        }
      />
      <FormError message={retry.error?.message} />
      {job.status === "failed" && (
        <Notice tone="danger" role="alert" title="This job failed">
          {job.error && <p>{job.error}</p>}
          <p>Fix the mapping or the data, then Retry: it runs again with the connector’s current mapping.</p>
        </Notice>
      )}
      <Card title="Leads updated">
        <KeyValues
          entries={[
            ["created", job.created],
            ["updated", job.updated],
            ["skipped", job.skipped],
            ["failed", job.failed],
            ["finished", job.finishedAt ? formatDateTime(job.finishedAt) : "not yet"],
          ]}
          empty=""
        />
      </Card>
      {job.results.map((r) => (
        <ResultCard key={r.position} result={r} count={job.leadCount} />
      ))}
      <Card title="Request from the source account" description={`${job.contentType ?? "no content type"}, secrets redacted`}>
        <div className="flex flex-col gap-3">
          <KeyValues entries={Object.entries(job.query)} empty="No URL parameters." />
          <pre tabIndex={0} aria-label="Request body" className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 text-xs">
            {prettyBody(job.body, job.contentType) || "(empty)"}
          </pre>
        </div>
      </Card>
    </div>
  );
}
