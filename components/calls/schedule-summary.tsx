import { KeyValues } from "@/components/calls/key-values";

type Time = { hour: number; minute: number };
type Params = {
  window?: { start: Time; end: Time } | null;
  carryOver?: boolean;
  retries?: number;
  gapsHours?: number[];
  retryOn?: string[];
};

const hhmm = (t: Time) => `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;

/** The parameters a call was planned with, under the webhook URL's names so they can be compared with the URL. */
export function ScheduleSummary({ params, zone }: { params: Params; zone: string }) {
  return (
    <KeyValues
      empty=""
      entries={[
        ["calling window", params.window ? `${hhmm(params.window.start)}–${hhmm(params.window.end)} ${zone}` : "none: any time"],
        ["carry_over", params.carryOver ? "true: a lead outside the window waits for its start" : "false: called at once"],
        ["num_of_retries", params.retries ?? 0],
        ["gap_between_retries", params.gapsHours?.length ? `${params.gapsHours.join(", ")} hours` : "—"],
        ["retry_on", params.retryOn?.join(", ")],
        ["timezone", zone],
      ]}
    />
  );
}
