"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
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
    <Notice tone={confirmed ? "info" : "warning"} role={confirmed ? "status" : "alert"} title="An overnight window">
      <p>
        The window ends before it starts, so calls are placed <strong>{overnight.sentence}</strong>.
        {overnight.suggestion && ` Did you mean ${overnight.suggestion}?`}
      </p>
      <div className="flex flex-wrap items-center gap-3 pt-1">
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
    </Notice>
  );
}
