import { AudioLines } from "lucide-react";
import Link from "next/link";
import { AppNav } from "@/components/shell/app-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireUser } from "@/lib/auth/session";
import { countNotices } from "@/lib/lead-sync/notices";
import { canManageLeadSync } from "@/lib/lead-sync/access";
import { Providers } from "./providers";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const leadSync = (await canManageLeadSync(user.orgId, user)) ? { failures: await countNotices(user.orgId, user.id) } : undefined;
  return (
    <Providers>
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-30"
      >
        Skip to main content
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-x-4 gap-y-2 px-4 py-3 lg:gap-x-6">
          <Link href="/" className="inline-flex items-center gap-2 rounded-md font-semibold tracking-tight text-slate-900">
            <span className="grid size-7 place-items-center rounded-lg bg-brand-600 text-white">
              <AudioLines aria-hidden className="size-4" />
            </span>
            Leadline
          </Link>
          <AppNav isAdmin={user.role === "admin"} leadSync={leadSync} />
          <div className="ml-auto flex min-w-0 items-center gap-3 text-sm text-slate-600">
            <span className="hidden truncate xl:inline">
              {user.name} · {user.organization.name}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:py-8">
        {children}
      </main>
    </Providers>
  );
}
