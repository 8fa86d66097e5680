import "server-only";
import type { CallFilters } from "@/lib/calls/schema";
import { db } from "@/lib/db";
import { parseCallSearch } from "@/lib/calls/search";
import { Prisma } from "@/lib/generated/prisma/client";
import { afterCursor, decodeCursor } from "@/lib/http/cursor";
import { createdBetween } from "@/lib/http/page-query";
import { formatPhoneE164 } from "@/lib/variables/phone";

// A typed % or _ is looked for as itself, not as a wildcard that would match everything.
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A whole number is looked up exactly (a btree probe); a fragment of digits by trigram. */
function wholeNumber(raw: string, countryCode: string | null): string | null {
  const phone = formatPhoneE164(raw, countryCode);
  return phone.ok ? phone.value : null;
}

/** Every filter but the search as a Prisma condition, always inside the caller's organisation. */
function filtersWhere(orgId: string, f: CallFilters): Prisma.CallTaskWhereInput {
  return {
    orgId,
    ...(f.agent_id ? { agentId: f.agent_id } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.outcome ? { lastOutcome: f.outcome } : {}),
    ...(f.crm ? { source: f.crm } : {}),
    ...createdBetween(f.from, f.to),
  };
}

function searchSql(q: string, countryCode: string | null): Prisma.Sql {
  const search = parseCallSearch(q);
  if (search.kind === "phone") {
    const e164 = wholeNumber(search.raw, countryCode);
    const phone = e164 ? Prisma.sql`phone = ${e164}` : Prisma.sql`phone LIKE ${`%${escapeLike(search.digits)}%`}`;
    return Prisma.sql`(${phone} OR crm_lead_id = ${search.raw})`;
  }
  const pattern = `%${escapeLike(search.text)}%`;
  return Prisma.sql`(lead_name ILIKE ${pattern} OR crm_lead_id ILIKE ${pattern})`;
}

/** Every filter but the search, as SQL conditions on call_tasks. */
function filterSql(orgId: string, f: CallFilters, range: { from?: Date; to?: Date }): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [Prisma.sql`org_id = ${orgId}`];
  if (range.from) parts.push(Prisma.sql`created_at >= ${range.from}`);
  if (range.to) parts.push(Prisma.sql`created_at < ${range.to}`);
  if (f.agent_id) parts.push(Prisma.sql`agent_id = ${f.agent_id}`);
  if (f.status) parts.push(Prisma.sql`status = ${f.status}::"CallStatus"`);
  if (f.outcome) parts.push(Prisma.sql`last_outcome = ${f.outcome}::"CallOutcome"`);
  if (f.crm) parts.push(Prisma.sql`source = ${f.crm}`);
  return parts;
}

/** The same filters as SQL conditions on call_tasks, for the grouped chart query Prisma cannot express. */
export function callsWhereSql(orgId: string, f: CallFilters, range: { from: Date; to: Date }, countryCode: string | null): Prisma.Sql {
  return Prisma.join([...filterSql(orgId, f, range), ...(f.q ? [searchSql(f.q, countryCode)] : [])], " AND ");
}

// Rows a search is first looked for in; a search filling a page among them is common enough to find by date order.
const SEARCH_PROBE_ROWS = 5_000;

/**
 * The next `take` rows of Call History, newest first after the cursor, as a Prisma condition. Without a search that is
 * the filters themselves. With one, Postgres cannot tell how many rows a text search matches, and may walk an index in
 * date order through every row of a filter the search never meets (the 50,000 voicemails, for a name that has none).
 * So the newest SEARCH_PROBE_ROWS rows passing the other filters are searched first, which fills the page for any
 * common search; when they do not, matches are rare, and bitmap scans of the trigram and filter indexes, intersected
 * before a row is read, find them all. Either way the answer is those rows' ids.
 */
export async function callsPageWhere(
  orgId: string,
  f: CallFilters,
  cursor: string | undefined,
  take: number,
  countryCode: string | null,
): Promise<Prisma.CallTaskWhereInput> {
  if (!f.q) return { AND: [filtersWhere(orgId, f), afterCursor(cursor)] };
  const after = cursor ? decodeCursor(cursor) : null;
  const filters = Prisma.join(
    [
      ...filterSql(orgId, f, { from: f.from ? new Date(f.from) : undefined, to: f.to ? new Date(f.to) : undefined }),
      ...(after ? [Prisma.sql`(created_at, id) < (${after.createdAt}, ${after.id})`] : []),
    ],
    " AND ",
  );
  const search = searchSql(f.q, countryCode);
  const probe = await db.$queryRaw<Array<{ id: string }>>(Prisma.sql`
    SELECT id FROM (
      SELECT id, created_at, phone, lead_name, crm_lead_id FROM call_tasks WHERE ${filters} ORDER BY created_at DESC, id DESC LIMIT ${SEARCH_PROBE_ROWS}
    ) newest WHERE ${search} ORDER BY created_at DESC, id DESC LIMIT ${take}`);
  if (probe.length === take) return { id: { in: probe.map((r) => r.id) } };
  const [, rare] = await db.$transaction([
    // Plain index scans are what walk in date order; without them the planner intersects bitmaps and sorts the few matches.
    db.$executeRaw`SET LOCAL enable_indexscan = off`,
    db.$queryRaw<Array<{ id: string }>>(
      Prisma.sql`SELECT id FROM call_tasks WHERE ${filters} AND ${search} ORDER BY created_at DESC, id DESC LIMIT ${take}`,
    ),
  ]);
  return { id: { in: rare.map((r) => r.id) } };
}

/** The organisation's calling code, so a national number typed in the search box is read as its E.164 form. */
export async function searchCountryCode(orgId: string): Promise<string | null> {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { defaultCountryCode: true } });
  return org?.defaultCountryCode ?? null;
}
