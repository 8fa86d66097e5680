"use client";

import { ArrowLeftRight, Bot, KeyRound, Menu, PhoneCall, Plug, Settings, Webhook, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState } from "react";

const LINKS: Array<{ href: string; label: string; icon: LucideIcon; adminOnly?: boolean; leadSync?: boolean }> = [
  { href: "/integrations", label: "Integrations", icon: Plug, adminOnly: true },
  { href: "/agents", label: "Agents", icon: Bot, adminOnly: true },
  { href: "/calls", label: "Calls", icon: PhoneCall },
  { href: "/deliveries", label: "Deliveries", icon: Webhook },
  { href: "/lead-sync", label: "Lead Sync", icon: ArrowLeftRight, leadSync: true },
  { href: "/api-keys", label: "API keys", icon: KeyRound, adminOnly: true },
  { href: "/settings", label: "Settings", icon: Settings },
];

/**
 * The main links: a row from lg up; below that a "Menu" button opens them as a list under the header. Lead Sync shows
 * for people with access to it, with the count of failed jobs waiting for them.
 */
export function AppNav({ isAdmin, leadSync }: { isAdmin: boolean; leadSync?: { failures: number } }) {
  const pathname = usePathname();
  // The menu remembers the page it was opened on, so navigating closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const toggle = useRef<HTMLButtonElement>(null);

  const closeOnEscape = (e: React.KeyboardEvent) => {
    if (e.key !== "Escape" || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <nav aria-label="Main" onKeyDown={closeOnEscape}>
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 lg:hidden"
      >
        <Menu aria-hidden className="size-4" />
        Menu
      </button>
      <ul
        id="main-menu"
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-20 flex-col gap-1 border-b border-slate-200 bg-white p-2 text-sm shadow-md lg:static lg:flex lg:flex-row lg:border-0 lg:p-0 lg:shadow-none`}
      >
        {LINKS.filter((l) => (isAdmin || !l.adminOnly) && (!l.leadSync || leadSync)).map((l) => {
          const active = pathname === l.href || pathname.startsWith(`${l.href}/`);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`flex items-center gap-2 rounded-md px-3 py-2 whitespace-nowrap ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"}`}
              >
                <l.icon aria-hidden className="size-4 shrink-0" />
                {l.label}
                {l.leadSync && !!leadSync?.failures && (
                  <span data-testid="lead-sync-failures" className="rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white">
                    {leadSync.failures}
                    <span className="sr-only"> failed sync {leadSync.failures === 1 ? "job" : "jobs"}</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
