import { ArrowRight, CircleCheck, Circle } from "lucide-react";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { FirstRunStep } from "@/lib/orgs/first-run";

/**
 * The four steps from a new organisation to its first called lead, with what is done. Renders nothing once all are
 * done, so a page can mount it unconditionally: `<FirstRunSteps steps={await loadFirstRunSteps(orgId)} />`.
 */
export function FirstRunSteps({ steps }: { steps: readonly FirstRunStep[] }) {
  const doneCount = steps.filter((s) => s.done).length;
  if (doneCount === steps.length) return null;
  const next = steps.find((s) => !s.done);
  return (
    <Card title="Get your first lead called" description={`${doneCount} of ${steps.length} steps done.`}>
      <ol aria-label="Set-up steps" className="flex flex-col divide-y divide-slate-100">
        {steps.map((step, i) => (
          <li key={step.id} aria-label={`Step ${i + 1}: ${step.title}, ${step.done ? "done" : "to do"}`} className="flex gap-3 py-3">
            {step.done ? (
              <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
            ) : (
              <Circle aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
            )}
            <div className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
              <div className="min-w-0">
                <p className={`font-medium ${step.done ? "text-slate-600" : "text-slate-900"}`}>
                  {i + 1}. {step.title}
                  <span className="sr-only">{step.done ? " (done)" : ""}</span>
                </p>
                <p className="text-sm break-words text-slate-600">{step.detail}</p>
              </div>
              {!step.done && (
                <Link href={step.href} className={`${buttonClassName(step === next ? "primary" : "secondary")} self-start`}>
                  {step.action}
                  <ArrowRight aria-hidden />
                </Link>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
