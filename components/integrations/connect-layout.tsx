import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import { PageHeader } from "@/components/ui/page-header";
import type { ReactNode } from "react";

/** A connect page: the form, and beside it (below it on a phone) where to find what it asks for. */
export function ConnectLayout({ crm, help, children }: { crm: Crm; help: ReactNode; children: ReactNode }) {
  return (
    <>
      <PageHeader back={{ href: "/integrations", label: "Integrations" }} title={`Connect ${CRM_NAMES[crm]}`} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="credentials-heading" className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:p-5">
          <h2 id="credentials-heading" className="mb-3 font-medium">
            Credentials
          </h2>
          {children}
        </section>
        <aside
          aria-labelledby="help-heading"
          className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-xs sm:p-5"
        >
          <h2 id="help-heading" className="mb-2 font-medium text-slate-900">
            Where to find them
          </h2>
          {help}
        </aside>
      </div>
    </>
  );
}
