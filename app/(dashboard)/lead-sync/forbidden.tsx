import Link from "next/link";

export default function LeadSyncForbidden() {
  return (
    <div className="mx-auto max-w-lg py-8 text-center">
      <h1 className="text-2xl font-semibold text-slate-900">403: no access to Lead Sync</h1>
      <p className="mt-2 text-slate-600">
        Admins always manage Lead Sync; other people need their role or their own switch turned on by an admin under Settings → Lead Sync
        access and People.
      </p>
      <Link className="mt-4 inline-block text-brand-700 underline" href="/">
        Back to Leadline
      </Link>
    </div>
  );
}
