import { AppNav } from "@/components/shell/app-nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireUser } from "@/lib/auth/session";
import { Providers } from "./providers";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <span className="font-semibold text-brand-700">Leadline</span>
          <AppNav isAdmin={user.role === "admin"} />
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600">
            <span>
              {user.name} · {user.organization.name}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </Providers>
  );
}
