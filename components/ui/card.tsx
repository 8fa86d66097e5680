import { useId, type ReactNode } from "react";

/** A white panel on the page's grey; with a title it is a labelled section with its own h2. */
export function Card({
  title,
  description,
  actions,
  children,
  className = "",
  padded = true,
}: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** false for a card whose content (a table) runs to its edges */
  padded?: boolean;
}) {
  const id = useId();
  const head = title ? (
    <div className={`flex flex-wrap items-start justify-between gap-2 ${padded ? "mb-3" : "px-4 pt-4 pb-3"}`}>
      <div className="min-w-0">
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
    </div>
  ) : null;
  return (
    <section
      aria-labelledby={title ? id : undefined}
      className={`min-w-0 rounded-xl border border-slate-200 bg-white shadow-xs ${padded ? "p-4 sm:p-5" : "overflow-hidden"} ${className}`}
    >
      {head}
      {children}
    </section>
  );
}
