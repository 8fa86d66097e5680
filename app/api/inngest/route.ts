// GET|POST|PUT /api/inngest – Inngest's endpoint for syncing and running Leadline's durable functions
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";

export const { GET, POST, PUT } = serve({ client: inngest, functions });
