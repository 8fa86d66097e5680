import { z } from "zod";

/** Where HubSpot keeps the private app's token, said one way everywhere (as HubSpot's developer account names it). */
export const HUBSPOT_TOKEN_LOCATION = "Developer → Legacy Apps → your private app → Auth → Access token";

/** What to paste, per secret field: the form's and the server's message when one is missing. */
export const SECRET_PROMPTS = {
  accessKey: "Paste the Access Key from Settings → API & Webhooks.",
  secretKey: "Paste the Secret Key from Settings → API & Webhooks.",
  token: `Paste the private app's access token (${HUBSPOT_TOKEN_LOCATION}).`,
} as const;

const MIN_SECRET = 8;

/** A secret that may be left empty to keep the stored one; with nothing stored, the server asks for it. */
const keepableSecret = (prompt: string) =>
  z
    .string()
    .trim()
    .max(500, "That is longer than any key; paste only the key.")
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || v.length >= MIN_SECRET, prompt);

export const leadSquaredConnectSchema = z.object({
  host: z.string().trim().min(1, "Enter your LeadSquared API host, e.g. https://api-in21.leadsquared.com."),
  accessKey: keepableSecret(SECRET_PROMPTS.accessKey),
  secretKey: keepableSecret(SECRET_PROMPTS.secretKey),
});

export const hubSpotConnectSchema = z.object({
  token: keepableSecret(SECRET_PROMPTS.token),
  /** Optional: enables HubSpot's request signature checks on the webhook. */
  clientSecret: keepableSecret("Paste the app's client secret, or leave it empty."),
});

/** For a first connection, where there is nothing stored to keep: the named secrets must be given. */
export function requireSecrets<T extends z.ZodType<Record<string, unknown>>>(schema: T, names: readonly (keyof typeof SECRET_PROMPTS)[]) {
  return schema.superRefine((value, ctx) => {
    for (const name of names) if (!value[name]) ctx.addIssue({ code: "custom", path: [name], message: SECRET_PROMPTS[name] });
  });
}

export type LeadSquaredConnectInput = z.input<typeof leadSquaredConnectSchema>;
export type HubSpotConnectInput = z.input<typeof hubSpotConnectSchema>;
export type LeadSquaredSecrets = { accessKey: string; secretKey: string };
export type HubSpotSecrets = { token: string; clientSecret?: string };
