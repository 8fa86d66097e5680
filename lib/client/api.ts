import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export type ApiErrorBody = { error: { code: string; message: string; details?: { field: string; message: string }[] } };

/** An error answered by a Leadline API route, as the browser sees it. */
export class ClientApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: json === undefined ? rest.headers : { "content-type": "application/json", ...rest.headers },
    body: json === undefined ? rest.body : JSON.stringify(json),
  });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (body as ApiErrorBody | null)?.error;
    throw new ClientApiError(res.status, err?.code ?? "unknown", err?.message ?? `Request failed (${res.status})`, err?.details);
  }
  return body as T;
}

/** Shows a server-side rule's verdict next to its field; returns the message for anything without a field. */
export function applyServerErrors<F extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<F>,
  fields: readonly string[],
): string | undefined {
  if (!(err instanceof ClientApiError)) return "Could not reach Leadline. Check your connection and try again.";
  let unplaced = false;
  for (const d of err.details) {
    if (fields.includes(d.field)) setError(d.field as Path<F>, { message: d.message });
    else unplaced = true;
  }
  return err.details.length === 0 || unplaced ? err.message : undefined;
}
