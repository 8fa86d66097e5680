import {
  Ban,
  CalendarClock,
  CircleAlert,
  CircleCheck,
  CircleDashed,
  CircleMinus,
  CircleX,
  CopyX,
  LoaderCircle,
  PhoneCall,
  PhoneMissed,
  PhoneOff,
  TriangleAlert,
  UserSearch,
  Voicemail,
  type LucideIcon,
} from "lucide-react";

export type Tone = "success" | "danger" | "warning" | "info" | "neutral";

const TONES: Record<Tone, string> = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
  danger: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  info: "border-brand-100 bg-brand-50 text-brand-700",
  neutral: "border-slate-200 bg-slate-50 text-slate-700",
};

// One table for call statuses, attempt outcomes, delivery and lead statuses and connections:
// the icon and the word carry the meaning, the colour only repeats it.
const STATUSES: Record<string, { tone: Tone; icon: LucideIcon; label?: string }> = {
  scheduled: { tone: "info", icon: CalendarClock },
  resolving: { tone: "info", icon: UserSearch, label: "reading CRM" },
  dialing: { tone: "info", icon: PhoneCall },
  in_progress: { tone: "info", icon: PhoneCall, label: "in call" },
  ended: { tone: "neutral", icon: CircleMinus },
  completed: { tone: "success", icon: CircleCheck },
  accepted: { tone: "success", icon: CircleCheck },
  connected: { tone: "success", icon: CircleCheck },
  active: { tone: "success", icon: CircleCheck },
  failed: { tone: "danger", icon: CircleX },
  rejected: { tone: "danger", icon: Ban },
  revoked: { tone: "neutral", icon: Ban },
  error: { tone: "danger", icon: CircleAlert },
  partial: { tone: "warning", icon: TriangleAlert },
  no_answer: { tone: "warning", icon: PhoneMissed },
  busy: { tone: "warning", icon: PhoneOff },
  voicemail: { tone: "warning", icon: Voicemail },
  cancelled: { tone: "neutral", icon: CircleMinus },
  duplicate: { tone: "neutral", icon: CopyX },
  ignored: { tone: "neutral", icon: CircleDashed },
  not_connected: { tone: "neutral", icon: CircleDashed, label: "not connected" },
};

const WORKING = new Set(["dialing", "in_progress", "resolving"]);

/** How a status reads in words: the badge's label, for places that need the text alone. */
export function statusLabel(status: string): string {
  return STATUSES[status]?.label ?? status.replace(/_/g, " ");
}

/** A status pill for any call, attempt, delivery, lead or connection status: icon + word + colour. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const known = STATUSES[status] ?? { tone: "neutral" as const, icon: CircleDashed };
  const Icon = WORKING.has(status) ? LoaderCircle : known.icon;
  return (
    <span
      data-status={status}
      className={`inline-flex max-w-full items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${label ? "" : "whitespace-nowrap"} ${TONES[known.tone]}`}
    >
      <Icon aria-hidden className={`size-3.5 shrink-0 ${WORKING.has(status) ? "motion-safe:animate-spin" : ""}`} />
      {label ?? statusLabel(status)}
    </span>
  );
}
