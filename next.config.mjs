import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // proxy.ts rewrites anonymous catalog and book requests to their cached copy. With Next's URL
  // normalization on, the rewrite's host becomes "localhost" while the router knows itself as HOSTNAME
  // (127.0.0.1), and a rewrite to an origin it does not call its own is proxied over HTTP to itself:
  // measured, that halved the cached pages' rate. Off, the proxy sees the raw URL (the `_rsc` query of
  // client navigations included, which lib/http/cached-pages.ts ignores).
  skipProxyUrlNormalize: true,
  // Native and server-only packages stay outside the bundle and are traced into the standalone output.
  serverExternalPackages: [
    "@prisma/client",
    ".prisma/client",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "bcryptjs",
  ],
  images: { unoptimized: true },
  // Metadata (canonical, robots, Open Graph) in <head> for every client, not streamed into the body
  // (Next's default for browsers and Googlebot): Google ignores a canonical link outside <head>. The
  // pages have no Suspense boundary, so the first byte waits for the page's data either way (a book
  // page, interleaved A/B: median time to first byte within 1 ms of streaming's).
  htmlLimitedBots: /.*/,
  // The build checks the app; `npm run typecheck` (part of npm test) checks tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // The PostgreSQL client is generated into the source tree and loaded at run time (lib/db/postgres-client.ts).
  outputFileTracingIncludes: { "*": ["./lib/generated/postgresql/**/*"] },
  // Sold files and the database must never be copied into the build output.
  outputFileTracingExcludes: { "*": ["./storage/**", "./data/**", "./e2e/**", "./tests/**", "./bench/**"] },
  // Every answer; pages get their nonce'd CSP from proxy.ts on top, and a route that sets a header itself
  // (the /media policy for SVG) keeps its own value.
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      { source: "/robots.txt", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      { source: "/sitemap.xml", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
    ];
  },
  // Cached pages (app/(cached)) live in this process's memory only, at most this much, least recently
  // used first out: never on disk, where every address a visitor makes up (a 404 is cached too) would
  // stay, and where app instances run from one build would read each other's copies of other shops'
  // data. A restarted instance renders each page again on its first request.
  cacheMaxMemorySize: 64 * 1024 * 1024,
  experimental: {
    isrFlushToDisk: false,
    // Server actions carry forms only (files go to the upload routes): the 1 MB every other body gets.
    serverActions: { bodySizeLimit: "1mb" },
    // Page requests (server actions are POSTed to pages) pass through proxy.ts, and Next buffers their
    // body for it, 10 MB by default: no page request needs more than the 1 MB above.
    proxyClientMaxBodySize: "1mb",
  },
};

export default nextConfig;
