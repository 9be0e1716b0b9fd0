import path from "node:path";
import { z } from "zod";
import { isSameOrInside, realFolder } from "./root-overlap";

export const DEFAULT_DATABASE_POOL_SIZE = 10;

const backends = ["node", "nginx", "apache", "lighttpd", "caddy"] as const;

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .default(fallback);

export type DatabaseProvider = "sqlite" | "postgresql";

/** The database a DATABASE_URL names, by its scheme alone; undefined for any other scheme. */
export function databaseProviderOf(url: string): DatabaseProvider | undefined {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  return undefined;
}

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/bindery.db")
    .refine((url) => databaseProviderOf(url) !== undefined, {
      message: "must start with file: (SQLite) or postgresql:// / postgres:// (PostgreSQL)",
    }),
  // PostgreSQL: the size of each of an instance's two pools (Prisma's and the download store's, see
  // lib/downloads/postgres-download-store.ts), so one instance opens at most twice this many connections;
  // every instance counts against the server's max_connections.
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(1000, "must be 1000 or less")
    .default(DEFAULT_DATABASE_POOL_SIZE),
  PROTECTED_ROOT: z.string().min(1).default("./storage/protected"),
  MEDIA_ROOT: z.string().min(1).default("./storage/media"),
  SENDFILE_BACKEND: z.enum(backends, { error: `must be one of ${backends.join(", ")}` }).default("node"),
  SENDFILE_URL: z
    .string()
    .default("/_protected/")
    .refine((prefix) => /^\/[A-Za-z0-9._~\-/]*\/$/.test(prefix) && !prefix.includes(".."), {
      message: 'must be an absolute URI prefix that starts and ends with "/", e.g. /_protected/',
    }),
  APP_URL: z.url({ error: "must be an absolute http(s) URL" }).default("http://localhost:3000"),
  AUTH_SECRET: optionalString.refine((secret) => secret === undefined || secret.length >= 32, {
    message: "must be at least 32 characters (generate one with: openssl rand -hex 32)",
  }),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_URL: optionalString.pipe(z.url({ error: "must be an absolute URL" }).optional()),
  SMTP_URL: optionalString,
  TRUSTED_PROXY: optionalString,
  DOWNLOAD_LINK_TTL_HOURS: positiveInt(24),
  DEFAULT_DOWNLOAD_LIMIT: positiveInt(5),
  DEFAULT_ACCESS_DAYS: positiveInt(0),
  DOWNLOAD_RATE_LIMIT: positiveInt(120),
  // Hours after a counted download during which a resume (a Range from past byte 0) is free; 0: never.
  DOWNLOAD_RESUME_GRACE_HOURS: positiveInt(24),
  // A grant whose links were used from more distinct networks (IPv4 /24, IPv6 /64) than this in 30 days is
  // flagged to staff as a link shared around.
  SHARED_LINK_NETWORKS: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(1000, "must be 1000 or less")
    .default(5),
  // File sizes are 32-bit integers in the database (PostgreSQL INTEGER): 2047 MB is the most it can record.
  MAX_UPLOAD_MB: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(2047, "must be 2047 or less")
    .default(1024),
  /** Benchmark-only routes under /api/bench (npm run bench); never set in a real shop. */
  BENCH_ROUTES: z.enum(["0", "1"]).default("0"),
  // The mail outbox: first retry after this many seconds, doubling per attempt (capped at an hour).
  MAIL_RETRY_BASE_SECONDS: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(3600, "must be 3600 or less")
    .default(30),
  // How often the outbox sender looks for mail that is due (a retry, or one left by a restart).
  MAIL_POLL_SECONDS: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(3600, "must be 3600 or less")
    .default(15),
  // A new-version mail run queues this many owners' mails per transaction (lib/orders/notify-owners.ts).
  MAIL_NOTICE_BATCH_SIZE: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(5000, "must be 5000 or less")
    .default(200),
  /** `npm run bench` runs the production build with the bench routes: it alone sets this. */
  BENCH_ROUTES_FORCE: z.enum(["0", "1"]).default("0"),
  NEXT_PHASE: z.string().optional(),
});

type Env = Record<string, string | undefined>;

/**
 * Rules across variables, checked on the raw environment so they are reported together with every
 * per-variable problem (a zod refinement on the object would be skipped once any field fails).
 */
export function crossFieldProblems(env: Env): string[] {
  const problems: string[] = [];
  const building = env.NEXT_PHASE === "phase-production-build";
  if (env.NODE_ENV === "production" && !building && !env.AUTH_SECRET?.trim()) {
    problems.push("AUTH_SECRET: is required in production (generate one with: openssl rand -hex 32)");
  }
  // turbopackIgnore: these are the operator's folders, not files of the build to trace into it.
  const protectedRoot = path.resolve(/*turbopackIgnore: true*/ env.PROTECTED_ROOT || "./storage/protected");
  if (protectedRoot.split(path.sep).includes("public"))
    problems.push("PROTECTED_ROOT: must not be inside a public/ folder");
  problems.push(
    ...rootOverlapProblems(protectedRoot, path.resolve(/*turbopackIgnore: true*/ env.MEDIA_ROOT || "./storage/media")),
  );
  if (env.NODE_ENV === "production" && !building && env.BENCH_ROUTES === "1" && env.BENCH_ROUTES_FORCE !== "1") {
    problems.push(
      "BENCH_ROUTES: must not be 1 in production (unauthenticated benchmark routes); only `npm run bench` " +
        "sets it, with BENCH_ROUTES_FORCE=1",
    );
  }
  return problems;
}

// Media is public: a protected folder inside it (or the same folder) would be served to anyone, and a
// media folder inside the protected one would publish uploads next to sold files.
function rootOverlapProblems(protectedRoot: string, mediaRoot: string): string[] {
  const [realProtected, realMedia] = [realFolder(protectedRoot), realFolder(mediaRoot)];
  if (realProtected === realMedia) return ["PROTECTED_ROOT: must differ from MEDIA_ROOT"];
  if (isSameOrInside(realProtected, realMedia))
    return ["PROTECTED_ROOT: must not be inside MEDIA_ROOT (media is served publicly at /media/)"];
  if (isSameOrInside(realMedia, realProtected)) return ["MEDIA_ROOT: must not be inside PROTECTED_ROOT"];
  return [];
}

export type RawEnv = z.infer<typeof envSchema>;
