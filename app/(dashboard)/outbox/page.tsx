import { Mail } from "lucide-react";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireUser } from "@/lib/auth/session";
import { listMails } from "@/lib/mail/outbox";
import { smtpConfigured } from "@/lib/mail/transport";

export default async function OutboxPage() {
  const user = await requireUser();
  const mails = await listMails(user.orgId, user.role === "admin" ? undefined : user.email);
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: user.organization.timezone, dateStyle: "medium", timeStyle: "short" });
  type Mail = (typeof mails)[number];
  const columns = [
    { header: "Queued", cell: (m: Mail) => when.format(m.createdAt), className: "lg:whitespace-nowrap" },
    { header: "To", cell: (m: Mail) => <span className="break-all">{m.toName ? `${m.toName} <${m.toEmail}>` : m.toEmail}</span> },
    {
      header: "Mail",
      cell: (m: Mail) => (
        <details>
          <summary className="cursor-pointer font-medium text-slate-900">{m.subject}</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-lg bg-slate-50 p-3 text-xs whitespace-pre-wrap">{m.text}</pre>
        </details>
      ),
      className: "lg:min-w-80",
    },
    {
      header: "Status",
      cell: (m: Mail) => (
        <span className="flex flex-col gap-1">
          <StatusBadge
            status={m.status === "kept" ? "accepted" : m.status === "sent" ? "completed" : m.status === "queued" ? "scheduled" : "failed"}
            label={m.status === "kept" ? "kept here" : m.status}
          />
          {m.lastError && <span className="text-xs text-red-800">{m.lastError}</span>}
        </span>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title="Mail outbox"
        description={
          user.role === "admin" ? "Every mail Leadline sent or queued for your organisation." : "The mails Leadline sent or queued for you."
        }
      />
      <div className="space-y-6">
        {!smtpConfigured() && (
          <Notice tone="warning" title="No mail server is configured">
            Mails are kept here instead of being sent. Set LEADLINE_SMTP_URL (and LEADLINE_MAIL_FROM) to send them by SMTP.
          </Notice>
        )}
        {mails.length === 0 ? (
          <EmptyState icon={Mail} title="No mails yet">
            Lead Sync mails the user it notifies when a sync job fails, if notifications are on.
          </EmptyState>
        ) : (
          <DataTable caption="Mails, newest first" columns={columns} rows={mails} rowKey={(m) => m.id} />
        )}
      </div>
    </>
  );
}
