import { z } from "zod";
import { leadSyncAccountSchema, leadSyncDestinationSchema } from "./schema";

/** Read both accounts' fields: the keys typed in the form, or (editing) the connector's stored ones. */
export const fieldListsInputSchema = z.object({
  source: leadSyncAccountSchema,
  destination: leadSyncDestinationSchema,
  connectorId: z.string().max(64).optional(),
});
export type FieldListsInput = z.infer<typeof fieldListsInputSchema>;

/** One member's own Lead Sync grant (Advanced, User Level). */
export const leadSyncGrantSchema = z.object({ granted: z.boolean({ message: "Send granted: true or false" }) });

/** Failure notices the signed-in person marks as seen. */
export const dismissNoticesSchema = z.object({ ids: z.array(z.string().max(64)).min(1, "Name at least one notice").max(200) });
