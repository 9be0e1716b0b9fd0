import path from "node:path";
import { randomBytes } from "node:crypto";
import { crossFieldProblems, databaseProviderOf, envSchema, type DatabaseProvider } from "./schema";

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string;
  /** Decided by DATABASE_URL's scheme at boot: one code base, either database. */
  databaseProvider: DatabaseProvider;
  /** PostgreSQL only: the connection pool of this instance. */
  databasePoolSize: number;
  protectedRoot: string;
  mediaRoot: string;
  sendfileBackend: "node" | "nginx" | "apache" | "lighttpd" | "caddy";
  sendfileUrl: string;
  appUrl: string;
  authSecret: string;
  stripe: { secretKey?: string; webhookSecret?: string; apiUrl?: string };
  smtpUrl?: string;
  mail: { retryBaseSeconds: number; pollSeconds: number; noticeBatchSize: number };
  trustedProxies: string[];
  downloads: {
    linkTtlHours: number;
    defaultLimit: number | null;
    defaultAccessDays: number | null;
    ratePerMinute: number;
    resumeGraceHours: number;
  };
  uploads: { maxBytes: number };
  /** Distinct networks in 30 days above which a grant's links count as shared (flagged to staff). */
  sharedLinkNetworks: number;
  benchRoutes: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment; throws ConfigError with one line per bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databaseProvider: databaseProviderOf(e.DATABASE_URL) ?? "sqlite",
    databasePoolSize: e.DATABASE_POOL_SIZE,
    protectedRoot: path.resolve(e.PROTECTED_ROOT),
    mediaRoot: path.resolve(e.MEDIA_ROOT),
    sendfileBackend: e.SENDFILE_BACKEND,
    sendfileUrl: e.SENDFILE_URL,
    appUrl: e.APP_URL.replace(/\/+$/, ""),
    // Outside production a missing secret only costs sessions at restart; production refuses to boot.
    authSecret: e.AUTH_SECRET ?? randomBytes(32).toString("hex"),
    stripe: { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiUrl: e.STRIPE_API_URL },
    smtpUrl: e.SMTP_URL,
    mail: {
      retryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
      pollSeconds: e.MAIL_POLL_SECONDS,
      noticeBatchSize: e.MAIL_NOTICE_BATCH_SIZE,
    },
    trustedProxies: (e.TRUSTED_PROXY ?? "")
      .split(",")
      .map((ip) => ip.trim())
      .filter(Boolean),
    downloads: {
      linkTtlHours: e.DOWNLOAD_LINK_TTL_HOURS,
      defaultLimit: e.DEFAULT_DOWNLOAD_LIMIT === 0 ? null : e.DEFAULT_DOWNLOAD_LIMIT,
      defaultAccessDays: e.DEFAULT_ACCESS_DAYS === 0 ? null : e.DEFAULT_ACCESS_DAYS,
      ratePerMinute: e.DOWNLOAD_RATE_LIMIT,
      resumeGraceHours: e.DOWNLOAD_RESUME_GRACE_HOURS,
    },
    uploads: { maxBytes: e.MAX_UPLOAD_MB * 1024 * 1024 },
    sharedLinkNetworks: e.SHARED_LINK_NETWORKS,
    benchRoutes: e.BENCH_ROUTES === "1",
  };
}
