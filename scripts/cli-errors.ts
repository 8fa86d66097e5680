import { ZodError } from "zod";
import { ApiError } from "../lib/http/errors";

// Input fields whose command-line flag has another name.
const FLAGS: Record<string, string> = { organizationName: "org", countryCode: "country-code" };

/** The same words the API would answer with, for a terminal. */
export function describeCliError(err: unknown): string {
  if (err instanceof ZodError) {
    return err.issues.map((i) => `--${FLAGS[String(i.path[0])] ?? String(i.path[0] ?? "input")}: ${i.message}`).join("\n");
  }
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
