import { unreachableOrigin } from "@/lib/webhook-url/public-reach";

/** A URL built on localhost works for the test lead below but never for a cloud CRM: say so before it is pasted. */
export function PublicUrlNotice({ publicUrl }: { publicUrl: string }) {
  const reason = unreachableOrigin(publicUrl);
  if (!reason) return null;
  return (
    <div
      role="note"
      aria-label="CRMs cannot reach this URL"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-medium">LeadSquared and HubSpot cannot reach this URL: {reason}.</p>
      <p className="mt-1">
        CRMs post from their own servers on the internet. Set <code>LEADLINE_PUBLIC_URL</code> to an address they can reach (your domain, or
        a tunnel to this machine) and restart Leadline. “Send a test lead” below still works, because it posts from here.
      </p>
    </div>
  );
}
