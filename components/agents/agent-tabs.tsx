import Link from "next/link";

const TABS = [
  { id: "settings", label: "Settings" },
  { id: "variables", label: "Variable Source" },
  { id: "webhook", label: "Webhook URL" },
  { id: "write-back", label: "Write-back" },
  { id: "call-webhook", label: "Call-ended webhook" },
] as const;

export type AgentTab = (typeof TABS)[number]["id"];

export function tabOf(value: string | string[] | undefined): AgentTab {
  return TABS.find((t) => t.id === value)?.id ?? "settings";
}

/** Links rather than in-page tabs: each tab has its own address, so a reload or a shared link opens the same one. */
export function AgentTabs({ agentId, current }: { agentId: string; current: AgentTab }) {
  return (
    <nav aria-label="Agent sections" className="mt-4 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1 text-sm">
        {TABS.map((t) => (
          <li key={t.id}>
            <Link
              href={`/agents/${agentId}?tab=${t.id}`}
              aria-current={t.id === current ? "page" : undefined}
              className={`-mb-px block border-b-2 px-3 py-2 whitespace-nowrap ${t.id === current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
