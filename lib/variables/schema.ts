import { z } from "zod";
import { CRMS } from "@/lib/crm/crms";

export const VARIABLE_FORMATS = ["phone_e164", "first_name", "title_case", "upper", "lower", "trim", "date", "number"] as const;
export type VariableFormat = (typeof VARIABLE_FORMATS)[number];

/** One human label per format for the Format menu; "" is no format (the value as written, its ends trimmed). */
export const VARIABLE_FORMAT_LABELS: Record<VariableFormat | "", string> = {
  "": "As written",
  trim: "Spaces tidied (“ Asha   Rao ” → “Asha Rao”)",
  phone_e164: "Phone number, international (+919876543210)",
  first_name: "First name (“Dr. asha rao” → “Asha”)",
  title_case: "Capitalised (“ASHA RAO” → “Asha Rao”)",
  upper: "Upper case (“ASHA RAO”)",
  lower: "Lower case (“asha rao”)",
  date: "Date (“15/01/2024” → 2024-01-15)",
  number: "Number (“2,500” → 2500)",
};

export const MAX_VARIABLES = 50;
export const VARIABLE_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

export const variableSchema = z.object({
  name: z
    .string({ error: "Enter a variable name, e.g. customer_name." })
    .trim()
    .min(1, "Enter a variable name, e.g. customer_name.")
    .max(64, "Keep the variable name to 64 characters or fewer.")
    .regex(
      VARIABLE_NAME_PATTERN,
      "Use lowercase letters, digits and underscores, starting with a letter (e.g. customer_name), so the prompt can say {{customer_name}}.",
    ),
  source: z.enum(CRMS, { error: `Choose ${CRMS.map((c) => `"${c}"`).join(" or ")} as the source.` }),
  field: z
    .string({ error: "Enter the CRM field to read, e.g. FirstName (LeadSquared) or firstname (HubSpot)." })
    .trim()
    .min(1, "Enter the CRM field to read, e.g. FirstName (LeadSquared) or firstname (HubSpot).")
    .max(200, "Keep the CRM field name to 200 characters or fewer."),
  // Forms send "" or null for "no format"; both mean the value is only trimmed.
  format: z
    .enum([...VARIABLE_FORMATS, ""], { error: `Choose a format: ${VARIABLE_FORMATS.join(", ")}, or none.` })
    .nullish()
    .transform((v) => (v ? v : undefined)),
  default: z
    .string({ error: "The default must be text." })
    .max(500, "Keep the default to 500 characters or fewer.")
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
});

export type Variable = z.output<typeof variableSchema>;
export type VariableInput = z.input<typeof variableSchema>;

export const variableListSchema = z
  .array(variableSchema)
  .max(MAX_VARIABLES, `An agent can have at most ${MAX_VARIABLES} variables.`)
  .superRefine((list, ctx) => {
    const firstIndex = new Map<string, number>();
    list.forEach((variable, index) => {
      const earlier = firstIndex.get(variable.name);
      if (earlier === undefined) {
        firstIndex.set(variable.name, index);
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: [index, "name"],
        message: `"${variable.name}" is already the name of variable ${earlier + 1}; each variable needs its own name.`,
      });
    });
  });

export type VariableList = z.output<typeof variableListSchema>;
export type VariableListInput = z.input<typeof variableListSchema>;

/** The Variable Source tab's live preview: the unsaved list and a sample lead as text (JSON or key=value pairs). */
export const variablePreviewSchema = z.object({
  variables: variableListSchema,
  crm: z.enum(CRMS, { error: `Choose ${CRMS.map((c) => `"${c}"`).join(" or ")}.` }),
  sample: z.string({ error: "Paste a sample lead." }).max(65_536, "Keep the sample under 64 KB."),
});

export type VariablePreviewInput = z.input<typeof variablePreviewSchema>;

/** The Variable Source tab's form: the whole list, saved at once. */
export const variableSourceFormSchema = z.object({ variables: variableListSchema });
