import "server-only";
import type { CallFilters } from "@/lib/calls/schema";
import { db } from "@/lib/db";
import { parseCallSearch } from "@/lib/calls/search";
import { Prisma } from "@/lib/generated/prisma/client";
import { createdBetween } from "@/lib/http/page-query";
import { formatPhoneE164 } from "@/lib/variables/phone";

// Prisma passes `contains` to LIKE as written, so a typed % or _ would match everything.
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A whole number is looked up exactly (a btree probe); a fragment of digits by trigram. */
function wholeNumber(raw: string, countryCode: string | null): string | null {
  const phone = formatPhoneE164(raw, countryCode);
  return phone.ok ? phone.value : null;
}

function searchWhere(q: string, countryCode: string | null): Prisma.CallTaskWhereInput {
  const search = parseCallSearch(q);
  if (search.kind === "phone") {
    const e164 = wholeNumber(search.raw, countryCode);
    // CRM lead ids can be all digits too (HubSpot contact ids), so a number also matches one exactly.
    return { OR: [e164 ? { phone: e164 } : { phone: { contains: search.digits } }, { crmLeadId: search.raw }] };
  }
  const text = escapeLike(search.text);
  return { OR: [{ leadName: { contains: text, mode: "insensitive" } }, { crmLeadId: { contains: text, mode: "insensitive" } }] };
}

/** Call History's filters as a Prisma condition, always inside the caller's organisation. */
export function callsWhere(orgId: string, f: CallFilters, countryCode: string | null): Prisma.CallTaskWhereInput {
  return {
    orgId,
    ...(f.agent_id ? { agentId: f.agent_id } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.outcome ? { lastOutcome: f.outcome } : {}),
    ...(f.crm ? { source: f.crm } : {}),
    ...createdBetween(f.from, f.to),
    ...(f.q ? { AND: [searchWhere(f.q, countryCode)] } : {}),
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

/** The same filters as SQL conditions on call_tasks, for the grouped chart query Prisma cannot express. */
export function callsWhereSql(orgId: string, f: CallFilters, range: { from: Date; to: Date }, countryCode: string | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`org_id = ${orgId}`, Prisma.sql`created_at >= ${range.from}`, Prisma.sql`created_at < ${range.to}`];
  if (f.agent_id) parts.push(Prisma.sql`agent_id = ${f.agent_id}`);
  if (f.status) parts.push(Prisma.sql`status = ${f.status}::"CallStatus"`);
  if (f.outcome) parts.push(Prisma.sql`last_outcome = ${f.outcome}::"CallOutcome"`);
  if (f.crm) parts.push(Prisma.sql`source = ${f.crm}`);
  if (f.q) parts.push(searchSql(f.q, countryCode));
  return Prisma.join(parts, " AND ");
}

/** The organisation's calling code, so a national number typed in the search box is read as its E.164 form. */
export async function searchCountryCode(orgId: string): Promise<string | null> {
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { defaultCountryCode: true } });
  return org?.defaultCountryCode ?? null;
}
