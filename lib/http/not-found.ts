import { ApiError } from "@/lib/http/errors";

/** For pages: a lookup's 404 becomes null (then notFound()), anything else still throws. */
export function nullIfNotFound(err: unknown): null {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
}
