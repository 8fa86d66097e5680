import { Inbox, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** What an empty list says: what will appear here, and the next step to make it appear. */
export function EmptyState({
  title,
  children,
  action,
  icon: Icon = Inbox,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  icon?: LucideIcon;
}) {
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <Icon aria-hidden className="size-8 text-slate-400" />
      <p className="mt-3 text-base font-semibold text-slate-900">{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
