import { z } from "zod";
import { normalizeTimeZone } from "@/lib/schedule/time-zone";
import { isCallingCode, normalizeCallingCode } from "@/lib/variables/phone";

export const timeZoneSchema = z
  .string()
  .trim()
  .transform(
    (v, ctx) =>
      normalizeTimeZone(v) ??
      (ctx.addIssue({ code: "custom", message: "Use an IANA time zone name such as Asia/Kolkata or America/New_York." }), z.NEVER),
  );

export const countryCallingCodeSchema = z
  .string()
  .trim()
  .transform((v) => normalizeCallingCode(v) ?? "")
  .refine(isCallingCode, "Use a country calling code such as +91 or +1.");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));

export const newPasswordSchema = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

const personName = z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters.");

export const setupSchema = z.object({
  organizationName: z.string().trim().min(1, "Enter your organisation's name.").max(120, "Keep the name under 120 characters."),
  timezone: timeZoneSchema,
  countryCode: countryCallingCodeSchema,
  name: personName,
  email: emailSchema,
  password: newPasswordSchema,
});
export type SetupInput = z.input<typeof setupSchema>;

export const createMemberSchema = z.object({
  name: personName,
  email: emailSchema,
  password: newPasswordSchema,
  role: z.enum(["admin", "member"], { message: "Choose admin or member." }),
});
export type CreateMemberInput = z.input<typeof createMemberSchema>;

export const organizationSettingsSchema = z.object({
  name: setupSchema.shape.organizationName,
  timezone: timeZoneSchema,
  countryCode: countryCallingCodeSchema,
});
export type OrganizationSettingsInput = z.input<typeof organizationSettingsSchema>;
/** PATCH: only the settings named; none has a default, so .partial() leaves the rest alone. */
export const organizationUpdateSchema = organizationSettingsSchema.partial().strict();

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password."),
});
export type LoginInput = z.input<typeof loginSchema>;
