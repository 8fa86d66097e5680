import type { AttemptReason } from "./types";

function hours(gapHours: number): string {
  return `${gapHours} hour${gapHours === 1 ? "" : "s"}`;
}

/** One English sentence per reason, for previews and the dashboard. */
export function describeReason(reason: AttemptReason): string {
  switch (reason.kind) {
    case "immediate":
      return "called immediately: no calling window is set";
    case "inside_window":
      return "called immediately: inside the calling window";
    case "window_not_enforced":
      return `called immediately although outside the calling window ${reason.window} ${reason.zone}, because carry_over is off`;
    case "carried_over":
      return `carried over to the window start ${reason.windowStart} ${reason.zone}`;
    case "retry_gap":
      return `retried ${hours(reason.gapHours)} after the previous attempt`;
    case "retry_carried_over":
      return `due ${hours(reason.gapHours)} after the previous attempt, outside the calling window, so carried over to the window start ${reason.windowStart} ${reason.zone}`;
    case "retry_now":
      return "called at once: an admin chose “retry now”";
  }
}
