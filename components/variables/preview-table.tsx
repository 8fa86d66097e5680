import { DataTable } from "@/components/ui/data-table";
import { Notice } from "@/components/ui/notice";
import type { VariablePreview } from "@/lib/client/variables";
import type { FieldStatus, ResolvedField } from "@/lib/variables/map";

const STATUS: Record<FieldStatus, { text: string; className: string }> = {
  ok: { text: "resolved", className: "text-green-800" },
  default: { text: "default used", className: "text-amber-800" },
  missing: { text: "empty", className: "text-red-700" },
  invalid: { text: "format failed", className: "text-red-700" },
};

const empty = <span className="text-slate-500">—</span>;

// A table on wide screens, one card per variable on a phone, so the status and its reason are never off-screen.
const COLUMNS = [
  { header: "Variable", cell: (f: ResolvedField) => <span className="font-mono text-xs font-semibold">{f.name}</span> },
  { header: "CRM field", cell: (f: ResolvedField) => <span className="font-mono text-xs break-all">{f.field}</span> },
  { header: "In the lead", cell: (f: ResolvedField) => <span className="break-words">{f.raw ?? empty}</span> },
  {
    header: "Value sent",
    cell: (f: ResolvedField) => (
      <span className="font-medium break-words">{f.value || <span className="text-slate-500">(empty)</span>}</span>
    ),
  },
  {
    header: "Status",
    className: "min-w-64",
    cell: (f: ResolvedField) => (
      <span className={STATUS[f.status].className}>
        {STATUS[f.status].text}
        {f.reason && <span className="block text-xs break-words text-slate-600">{f.reason}</span>}
      </span>
    ),
  },
];

export function PreviewTable({ preview }: { preview: VariablePreview }) {
  const blocking = preview.problems.find((p) => p.blocking);
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <Notice role="status" tone={preview.phone ? "success" : "danger"}>
        <p className="font-medium">
          {preview.phone ? `Number to call: ${preview.phone}` : `No number to call: ${blocking?.message ?? "the phone variable is empty"}.`}
        </p>
      </Notice>
      {preview.fields.length > 0 && (
        <DataTable caption="Resolved variables" columns={COLUMNS} rows={preview.fields} rowKey={(f) => f.name} framed={false} />
      )}
    </div>
  );
}
