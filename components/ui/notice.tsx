import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";

const LOOK = {
  danger: { box: "border-red-200 bg-red-50 text-red-900", icon: CircleAlert },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-950", icon: TriangleAlert },
  info: { box: "border-brand-100 bg-brand-50 text-slate-800", icon: Info },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-900", icon: CircleCheck },
} as const;

/** A boxed message with an icon: what went wrong and how to fix it, or what to know before acting. */
export function Notice({
  tone = "info",
  title,
  children,
  role,
}: {
  tone?: keyof typeof LOOK;
  title?: ReactNode;
  children?: ReactNode;
  role?: "alert" | "status";
}) {
  const { box, icon: Icon } = LOOK[tone];
  return (
    <div role={role} className={`flex gap-3 rounded-lg border px-4 py-3 text-sm ${box}`}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-1 break-words">
        {title && <p className="font-semibold">{title}</p>}
        {children}
      </div>
    </div>
  );
}
