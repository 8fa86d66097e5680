import "server-only";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  LEADLINE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "LEADLINE_ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
  LEADLINE_PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  LEADLINE_JOB_DRIVER: z.enum(["embedded", "inngest"]).optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  LEADLINE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  LEADLINE_SIMULATOR_DELAY_MS: z.coerce.number().int().min(0).default(3000),
  LEADLINE_OUTCOME_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30 * 60_000),
  /** How often the embedded worker's sweeper looks for overdue tasks (Inngest's runs every minute by cron). */
  LEADLINE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** How long a claimed dial may stay unrecorded before the provider is asked about it. */
  LEADLINE_DIAL_IN_FLIGHT_MS: z.coerce.number().int().min(100).default(30_000),
  /** A dial the provider keeps refusing (429/5xx, unreachable) for this long ends the attempt as failed. */
  LEADLINE_DIAL_GIVE_UP_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10 * 60_000),
  /** Slack the sweeper leaves past a deadline before it wakes a task. */
  LEADLINE_SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  /** "1" serves the webhook benchmark's baseline route (app/api/bench/bare); nothing else should set it. */
  LEADLINE_BENCH_ROUTES: z.enum(["0", "1"]).default("0"),
  VAPI_BASE_URL: z.string().url().optional(),
  HUBSPOT_API_BASE_URL: z.string().url().default("https://api.hubapi.com"),
  /** smtp:// or smtps:// with user and password in the URL; unset keeps mails in the dashboard's outbox. */
  LEADLINE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "LEADLINE_SMTP_URL must be an smtp:// or smtps:// URL")
    .optional(),
  /** The From of every mail, e.g. "Leadline <leadline@example.com>"; default no-reply@ the public URL's host. */
  LEADLINE_MAIL_FROM: z.string().min(3).optional(),
  /** Origins besides LeadSquared's API hosts that a LeadSquared integration may use, e.g. a test server. */
  LEADLINE_LEADSQUARED_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ),
});

export type Env = z.infer<typeof envSchema>;

/** Inngest drives call tasks when it is configured (Cloud or self-hosted); the embedded queue otherwise. */
export function jobDriverName(e: Env): "embedded" | "inngest" {
  return e.LEADLINE_JOB_DRIVER ?? (e.INNGEST_EVENT_KEY || e.INNGEST_BASE_URL ? "inngest" : "embedded");
}

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
