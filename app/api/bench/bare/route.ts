// POST /api/bench/bare – the benchmark's baseline (bench/webhook-ingest.ts): what any webhook handler must do, reading
// the body and answering the way the CRM webhook does, and nothing else. Absent unless LEADLINE_BENCH_ROUTES=1.
import { env } from "@/lib/env";
import { smallJson } from "@/lib/http/small-json";

export async function POST(req: Request) {
  if (env().LEADLINE_BENCH_ROUTES !== "1") return new Response(null, { status: 404 });
  await req.text();
  return smallJson({ Status: "Success" }, { status: 200 });
}
