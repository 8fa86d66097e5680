import { CrmError } from "@/lib/http/fetch-json";

/** Awaits a client call that must fail and returns its CrmError; anything else fails the test. */
export async function crmFailure(promise: Promise<unknown>): Promise<CrmError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof CrmError)) throw new Error(`expected a CrmError, got ${String(err)}`);
  return err;
}
