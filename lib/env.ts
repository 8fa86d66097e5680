import "server-only";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  LEADLINE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "LEADLINE_ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
  LEADLINE_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The validated environment; nothing else reads process.env for app settings. */
export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `- ${i.path.join(".")}: ${i.message}`).join("\n");
      throw new Error(`Leadline's configuration is incomplete (see the README's configuration table):\n${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}
