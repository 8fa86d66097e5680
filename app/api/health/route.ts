// GET /api/health – liveness for load balancers and the test harness: answers once the database does
import { db } from "@/lib/db";
import { withErrors } from "@/lib/http/route";

export const GET = withErrors(async () => {
  await db.$queryRaw`SELECT 1`;
  return Response.json({ ok: true });
});
