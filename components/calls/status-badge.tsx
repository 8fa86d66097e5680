const STYLE: Record<string, string> = {
  completed: "bg-green-100 text-green-800",
  accepted: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  rejected: "bg-red-100 text-red-800",
  error: "bg-red-100 text-red-800",
  partial: "bg-amber-100 text-amber-800",
  cancelled: "bg-slate-200 text-slate-700",
  duplicate: "bg-slate-200 text-slate-700",
  ignored: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs whitespace-nowrap ${STYLE[status] ?? "bg-brand-50 text-brand-700"}`}>
      {status.replace(/_/g, " ")}
    </span>
  );
}
