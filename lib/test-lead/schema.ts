import { z } from "zod";

/** "Send a test lead": the URL the builder made, and the key when it travels in a header instead of the URL. */
export const testLeadSchema = z.object({
  url: z.string({ error: "Build the webhook URL first." }).trim().min(1, "Build the webhook URL first.").max(4000),
  apiKey: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
});

export type TestLeadInput = z.input<typeof testLeadSchema>;
