import { z } from "zod";

const secret = (what: string) => z.string().trim().min(8, `Paste the ${what}.`).max(500);

export const leadSquaredConnectSchema = z.object({
  host: z.string().trim().min(1, "Enter your LeadSquared API host, e.g. https://api-in21.leadsquared.com."),
  accessKey: secret("Access Key from Settings → API & Webhooks"),
  secretKey: secret("Secret Key from Settings → API & Webhooks"),
});

export const hubSpotConnectSchema = z.object({
  token: secret("private app's access token"),
  /** Optional: enables HubSpot's request signature checks on the webhook. */
  clientSecret: z.string().trim().max(500).optional().transform((v) => v || undefined),
});

export type LeadSquaredConnectInput = z.input<typeof leadSquaredConnectSchema>;
export type HubSpotConnectInput = z.input<typeof hubSpotConnectSchema>;
export type LeadSquaredSecrets = { accessKey: string; secretKey: string };
export type HubSpotSecrets = { token: string; clientSecret?: string };
