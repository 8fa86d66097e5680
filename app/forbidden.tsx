import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-2xl font-semibold">403: admins only</h1>
      <p className="mt-2 text-slate-600">Only admins of your organisation can open this page. Ask an admin for access.</p>
      <Link className="mt-4 inline-block text-brand-700 underline" href="/">
        Back to Leadline
      </Link>
    </main>
  );
}
