/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Native and server-only packages stay outside the bundle and are traced into the standalone output.
  serverExternalPackages: ["@prisma/client", ".prisma/client", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "bcryptjs"],
  images: { unoptimized: true },
  // The build checks the app; `npm run typecheck` (part of npm test) checks tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Sold files and the database must never be copied into the build output.
  outputFileTracingExcludes: { "*": ["./storage/**", "./data/**", "./e2e/**", "./tests/**", "./bench/**"] },
  experimental: {
    serverActions: { bodySizeLimit: "2mb" },
  },
};

export default nextConfig;
