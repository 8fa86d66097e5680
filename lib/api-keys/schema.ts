import { z } from "zod";

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "Give the key a name, e.g. “LeadSquared webhook”.").max(80, "Keep the name under 80 characters."),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
