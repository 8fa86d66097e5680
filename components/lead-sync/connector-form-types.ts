import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { leadSyncConnectorInputSchema } from "@/lib/lead-sync/schema";

export type ConnectorFormValues = z.input<typeof leadSyncConnectorInputSchema>;
export type ConnectorForm = UseFormReturn<ConnectorFormValues, unknown, z.output<typeof leadSyncConnectorInputSchema>>;
export type MappingList = "config.lead.fields" | "config.activity.fields";
