import { Notice } from "@/components/ui/notice";
import { unreachableOrigin } from "@/lib/webhook-url/public-reach";

/** A URL built on localhost works for the test lead below but never for a cloud CRM: say so before it is pasted. */
export function PublicUrlNotice({ publicUrl }: { publicUrl: string }) {
  const reason = unreachableOrigin(publicUrl);
  if (!reason) return null;
  return (
    <Notice tone="warning" title={`LeadSquared and HubSpot cannot reach this URL: ${reason}.`}>
      <p>
        CRMs post from their own servers on the internet. Set <code>LEADLINE_PUBLIC_URL</code> to an address they can reach (your domain, or
        a tunnel to this machine) and restart Leadline. “Send a test lead” below still works, because it posts from here.
      </p>
    </Notice>
  );
}
