import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import { formatValue } from "./format";
import { formatPhoneE164 } from "./phone";
import type { Variable } from "./schema";

export type FieldStatus = "ok" | "default" | "missing" | "invalid";

export type ResolvedField = {
  name: string;
  field: string;
  /** The CRM value as text, before formatting; null when the lead has none. */
  raw: string | null;
  value: string;
  status: FieldStatus;
  reason?: string;
};

/** `blocking` problems stop the call: today only a missing or unusable phone number. */
export type VariableProblem = { name: string; field: string | null; message: string; blocking: boolean };

export type ResolvedVariables = {
  values: Record<string, string>;
  /** The callee's number in E.164, or null when the lead cannot be called (see the blocking problem). */
  phone: string | null;
  fields: ResolvedField[];
  problems: VariableProblem[];
};

export type ResolveVariablesInput = {
  lead: Record<string, unknown>;
  variables: readonly Variable[];
  defaultCountryCode: string | null;
  phoneVariable?: string;
  timeZone?: string;
  /** When set, variables of the other CRM are skipped. */
  source?: Crm;
};

type Lookup = { found: false } | { found: true; key: string; value: unknown };

/** Exact name first, then ignoring case: LeadSquared field names vary in case between APIs and accounts. */
export function lookupField(lead: Record<string, unknown>, field: string): Lookup {
  if (Object.hasOwn(lead, field)) return { found: true, key: field, value: lead[field] };
  const wanted = field.toLowerCase();
  const key = Object.keys(lead).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? { found: false } : { found: true, key, value: lead[key] };
}

type RawValue = { kind: "empty" } | { kind: "text"; text: string } | { kind: "structured"; text: string };

function readRaw(value: unknown): RawValue {
  if (value === null || value === undefined) return { kind: "empty" };
  if (typeof value === "string") return value.trim() === "" ? { kind: "empty" } : { kind: "text", text: value };
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return { kind: "text", text: String(value) };
  }
  return { kind: "structured", text: JSON.stringify(value) };
}

function selected(variables: readonly Variable[], source: Crm | undefined): Variable[] {
  return source ? variables.filter((v) => v.source === source) : [...variables];
}

function resolveOne(
  variable: Variable,
  lead: Record<string, unknown>,
  isPhone: boolean,
  context: { defaultCountryCode: string | null; timeZone?: string },
): ResolvedField {
  const { name, field } = variable;
  const lookup = lookupField(lead, field);
  const raw = lookup.found ? readRaw(lookup.value) : ({ kind: "empty" } as const);
  const rawText = raw.kind === "empty" ? null : raw.text;

  let reason: string;
  if (raw.kind === "structured") {
    reason = `${field} holds a list or an object, not a single value; map a field that holds text`;
  } else if (raw.kind === "text") {
    const result = isPhone ? formatPhoneE164(raw.text, context.defaultCountryCode) : formatValue(variable.format, raw.text, context);
    if (result.ok) return { name, field, raw: rawText, value: result.value, status: "ok" };
    reason = `${field}: ${result.reason}`;
  } else if (lookup.found) {
    reason = `${field} is empty on this lead; map another field or set a default`;
  } else {
    reason = `This lead has no field named ${field}; check the spelling, map another field or set a default`;
  }

  if (variable.default !== undefined) {
    if (!isPhone) return { name, field, raw: rawText, value: variable.default, status: "default", reason: `${reason}; used the default` };
    const fallback = formatPhoneE164(variable.default, context.defaultCountryCode);
    if (fallback.ok) return { name, field, raw: rawText, value: fallback.value, status: "default", reason: `${reason}; used the default` };
    reason = `${reason}; the default is not usable either: ${fallback.reason}`;
  }
  const status: FieldStatus = raw.kind === "empty" ? "missing" : "invalid";
  // An unreadable non-phone value still reaches the agent as written: the words may help more than silence.
  const value = status === "invalid" && !isPhone && raw.kind === "text" ? raw.text.trim() : "";
  return { name, field, raw: rawText, value, status, reason };
}

function noPhoneVariable(phoneVariable: string, source: Crm | undefined, others: readonly Variable[]): VariableProblem {
  const example = source === "hubspot" ? "phone or mobilephone" : source === "leadsquared" ? "Phone or Mobile" : "the lead's phone field";
  // The usual cause: the variable exists, but reads the other CRM's fields (a HubSpot URL for a LeadSquared agent).
  const elsewhere = source ? others.find((v) => v.name === phoneVariable && v.source !== source) : undefined;
  const message =
    elsewhere && source
      ? `The variable "${phoneVariable}" reads ${CRM_NAMES[elsewhere.source]}'s ${elsewhere.field}, but this lead came from ${CRM_NAMES[source]}, so there is no number to call; add a ${CRM_NAMES[source]} variable "${phoneVariable}" that reads ${example}, or send this agent's leads from ${CRM_NAMES[elsewhere.source]}`
      : `No variable is named "${phoneVariable}", so there is no number to call; add a variable "${phoneVariable}" that reads ${example}`;
  return { name: phoneVariable, field: null, message, blocking: true };
}

/**
 * Turns a CRM lead into the agent's variables. The variable named `phoneVariable` is always normalised to E.164,
 * whatever format it was given; every other value follows its own format.
 */
export function resolveVariables(input: ResolveVariablesInput): ResolvedVariables {
  const phoneVariable = input.phoneVariable ?? "phone";
  const context = { defaultCountryCode: input.defaultCountryCode, timeZone: input.timeZone };
  const variables = selected(input.variables, input.source);

  const fields = variables.map((v) => resolveOne(v, input.lead, v.name === phoneVariable, context));
  const values: Record<string, string> = {};
  const problems: VariableProblem[] = [];
  let phone: string | null = null;

  for (const f of fields) {
    values[f.name] = f.value;
    const isPhone = f.name === phoneVariable;
    if (isPhone && (f.status === "ok" || f.status === "default")) phone = f.value;
    if ((f.status === "missing" || f.status === "invalid") && f.reason) {
      problems.push({ name: f.name, field: f.field, message: f.reason, blocking: isPhone });
    }
  }
  if (!variables.some((v) => v.name === phoneVariable)) problems.unshift(noPhoneVariable(phoneVariable, input.source, input.variables));
  problems.sort((a, b) => Number(b.blocking) - Number(a.blocking));
  return { values, phone, fields, problems };
}

/**
 * Mapped fields the lead does not carry at all (a key set to null counts as present). LeadSquared posts only the
 * fields that have values; HubSpot posts none. The caller reads these from the CRM API before resolving.
 */
export function missingFields(input: { lead: Record<string, unknown>; variables: readonly Variable[]; source?: Crm }): string[] {
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const v of selected(input.variables, input.source)) {
    const key = v.field.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (!lookupField(input.lead, v.field).found) missing.push(v.field);
  }
  return missing;
}
