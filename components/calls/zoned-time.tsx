import { formatDateTime } from "@/lib/client/format";

const inZone = (zone: string) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" });

/** An instant in the viewer's zone, and in the calling window's zone when that differs. */
export function ZonedTime({ iso, zone }: { iso: string; zone: string }) {
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <span>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
      {viewer !== zone && <span className="block text-xs text-slate-500">{`${inZone(zone).format(new Date(iso))} ${zone}`}</span>}
    </span>
  );
}
