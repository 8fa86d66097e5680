"use client";

import { Button } from "@/components/ui/button";
import { overnightWindow } from "@/lib/webhook-url/overnight";

type Props = {
  from: string;
  until: string;
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  onUseSuggestion: (until: string) => void;
};

/** Says an "until" before "from" in words and asks, since the AM/PM time inputs make the slip easy. */
export function OvernightNotice({ from, until, confirmed, onConfirm, onUseSuggestion }: Props) {
  const overnight = overnightWindow(from, until);
  if (!overnight) return null;
  return (
    <div
      role={confirmed ? "status" : "alert"}
      aria-label="Overnight window"
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p>
        The window ends before it starts, so calls are placed <strong>{overnight.sentence}</strong>.
        {overnight.suggestion && ` Did you mean ${overnight.suggestion}?`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {overnight.suggestedUntil && (
          <Button type="button" variant="secondary" onClick={() => onUseSuggestion(overnight.suggestedUntil!)}>
            Use {overnight.suggestion}
          </Button>
        )}
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
          Yes, call overnight
        </label>
      </div>
    </div>
  );
}
