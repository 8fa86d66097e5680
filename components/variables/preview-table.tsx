import { TableHead } from "@/components/ui/table-head";
import type { VariablePreview } from "@/lib/client/variables";
import type { FieldStatus } from "@/lib/variables/map";

const STATUS: Record<FieldStatus, { text: string; className: string }> = {
  ok: { text: "resolved", className: "text-green-800" },
  default: { text: "default used", className: "text-amber-800" },
  missing: { text: "empty", className: "text-red-700" },
  invalid: { text: "format failed", className: "text-red-700" },
};

export function PreviewTable({ preview }: { preview: VariablePreview }) {
  const blocking = preview.problems.find((p) => p.blocking);
  return (
    <div className="flex flex-col gap-2">
      <p role="status" className={`text-sm font-medium ${preview.phone ? "text-green-800" : "text-red-700"}`}>
        {preview.phone ? `Number to call: ${preview.phone}` : `No number to call: ${blocking?.message ?? "the phone variable is empty"}.`}
      </p>
      {preview.fields.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="Resolved variables">
            <TableHead columns={["Variable", "CRM field", "In the lead", "Value sent", "Status"]} />
            <tbody>
              {preview.fields.map((f) => (
                <tr key={f.name} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2 font-mono text-xs">{f.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{f.field}</td>
                  <td className="px-3 py-2">{f.raw ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-3 py-2 font-medium">{f.value || <span className="text-slate-400">(empty)</span>}</td>
                  <td className={`min-w-64 px-3 py-2 ${STATUS[f.status].className}`}>
                    {STATUS[f.status].text}
                    {f.reason && <span className="block text-xs text-slate-600">{f.reason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
